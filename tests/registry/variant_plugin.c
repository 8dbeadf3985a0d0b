/* One small C99 plugin built several ways (see CMakeLists.txt) to exercise
 * each refusal of the loader: macros choose the descriptor's ABI numbers,
 * its struct_size, its version string, and whether the entry symbol is
 * exported at all. Its one operation, llm.chat, needs no network: it answers
 * {"version": VARIANT_VERSION, "label": <config label>} so a test can tell
 * which build of the code actually ran. */
#include <aihost/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef VARIANT_ID
#define VARIANT_ID "variant"
#endif
#ifndef VARIANT_VERSION
#define VARIANT_VERSION "1.0.0"
#endif
#ifndef VARIANT_ABI_MAJOR
#define VARIANT_ABI_MAJOR AIHOST_ABI_MAJOR
#endif
#ifndef VARIANT_ABI_MINOR
#define VARIANT_ABI_MINOR AIHOST_ABI_MINOR
#endif
#ifndef VARIANT_STRUCT_SIZE
#define VARIANT_STRUCT_SIZE sizeof(aihost_plugin_descriptor)
#endif

static int g_inits;

struct aihost_instance {
  char label[64];
};

static void fail(const aihost_output* out, aihost_status st, const char* msg) {
  aihost_error e;
  memset(&e, 0, sizeof e);
  e.struct_size = sizeof e;
  e.status = st;
  e.retry_after_ms = -1;
  e.message.ptr = msg;
  e.message.len = strlen(msg);
  out->set_error(out->host_data, &e);
}

static aihost_status init(const aihost_host_services* host) {
  if (!host || host->struct_size < sizeof(aihost_host_services))
    return AIHOST_INVALID_ARGUMENT;
  ++g_inits;
  return AIHOST_OK;
}

/* Config {"label":"..."} (optional) names the instance in results. */
static aihost_status instance_create(aihost_view config,
                                     const aihost_output* diag,
                                     aihost_instance** out) {
  const char* key = "\"label\":\"";
  char text[512];
  const char* start;
  const char* end;
  aihost_instance* inst;
  if (config.len >= sizeof text) {
    fail(diag, AIHOST_INVALID_ARGUMENT, "config too long");
    return AIHOST_INVALID_ARGUMENT;
  }
  memcpy(text, config.ptr, config.len);
  text[config.len] = '\0';
  inst = (aihost_instance*)calloc(1, sizeof *inst);
  if (!inst) return AIHOST_INTERNAL;
  start = strstr(text, key);
  if (start) {
    start += strlen(key);
    end = strchr(start, '"');
    if (!end || (size_t)(end - start) >= sizeof inst->label) {
      free(inst);
      fail(diag, AIHOST_INVALID_ARGUMENT, "config.label is malformed");
      return AIHOST_INVALID_ARGUMENT;
    }
    memcpy(inst->label, start, (size_t)(end - start));
  }
  *out = inst;
  return AIHOST_OK;
}

static void instance_destroy(aihost_instance* inst) { free(inst); }

static aihost_status invoke(aihost_instance* inst, const aihost_call* call,
                            const aihost_request* req,
                            const aihost_output* out) {
  char result[256];
  aihost_view v;
  (void)call;
  (void)req;
  snprintf(result, sizeof result,
           "{\"version\":\"%s\",\"label\":\"%s\",\"inits\":%d}",
           VARIANT_VERSION, inst->label, g_inits);
  v.ptr = result;
  v.len = strlen(result);
  out->write(out->host_data, v);
  return AIHOST_OK;
}

static const void* get_extension(const char* id) {
  (void)id;
  return NULL;
}

static const char* const capabilities[] = {AIHOST_OP_LLM_CHAT, NULL};

static const aihost_plugin_descriptor descriptor = {VARIANT_ABI_MAJOR,
                                                    VARIANT_ABI_MINOR,
                                                    VARIANT_STRUCT_SIZE,
                                                    0,
                                                    VARIANT_ID,
                                                    VARIANT_VERSION,
                                                    "registry test plugin",
                                                    capabilities,
                                                    init,
                                                    instance_create,
                                                    instance_destroy,
                                                    invoke,
                                                    get_extension};

#ifdef VARIANT_NO_ENTRY
/* Exports a differently named function instead of the entry. */
AIHOST_EXPORT const aihost_plugin_descriptor* aihost_plugin_entry_missing(
    void) {
  return &descriptor;
}
#else
AIHOST_EXPORT const aihost_plugin_descriptor* aihost_plugin_entry(void) {
  return &descriptor;
}
#endif
