/* A plugin written in plain C99 against plugin.h. It offers "llm.chat" and
 * answers by POSTing the params to `base_url`/echo through the host's egress,
 * returning {"content": <upstream body>, "status": <http status>}. */
#include <aihost/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const aihost_host_services *g_host;

struct aihost_instance {
  char url[512];
};

typedef struct buffer {
  char *data;
  size_t len;
  int status;
} buffer;

static int on_head(void *data, int32_t status, const aihost_http_header *h,
                   size_t n) {
  (void)h;
  (void)n;
  ((buffer *)data)->status = status;
  return 0;
}

static int on_body(void *data, aihost_view chunk) {
  buffer *b = (buffer *)data;
  char *grown = (char *)realloc(b->data, b->len + chunk.len + 1);
  if (!grown) return 1;
  b->data = grown;
  memcpy(b->data + b->len, chunk.ptr, chunk.len);
  b->len += chunk.len;
  b->data[b->len] = '\0';
  return 0;
}

static void fail(const aihost_output *out, aihost_status st, const char *msg) {
  aihost_error e;
  memset(&e, 0, sizeof e);
  e.struct_size = sizeof e;
  e.status = st;
  e.retry_after_ms = -1;
  e.message.ptr = msg;
  e.message.len = strlen(msg);
  out->set_error(out->host_data, &e);
}

static aihost_status init(const aihost_host_services *host) {
  if (!host || host->struct_size < sizeof(aihost_host_services))
    return AIHOST_INVALID_ARGUMENT;
  g_host = host;
  return AIHOST_OK;
}

/* Config is {"base_url":"..."}; a tiny scan is enough for a test plugin. */
static aihost_status instance_create(aihost_view config,
                                     const aihost_output *diag,
                                     aihost_instance **out) {
  const char *key = "\"base_url\":\"";
  char text[1024];
  const char *start;
  const char *end;
  aihost_instance *inst;
  if (config.len >= sizeof text) {
    fail(diag, AIHOST_INVALID_ARGUMENT, "config too long");
    return AIHOST_INVALID_ARGUMENT;
  }
  memcpy(text, config.ptr, config.len);
  text[config.len] = '\0';
  start = strstr(text, key);
  if (!start) {
    fail(diag, AIHOST_INVALID_ARGUMENT, "config.base_url is required");
    return AIHOST_INVALID_ARGUMENT;
  }
  start += strlen(key);
  end = strchr(start, '"');
  if (!end || (size_t)(end - start) + 6 >= sizeof inst->url) {
    fail(diag, AIHOST_INVALID_ARGUMENT, "config.base_url is malformed");
    return AIHOST_INVALID_ARGUMENT;
  }
  inst = (aihost_instance *)calloc(1, sizeof *inst);
  if (!inst) return AIHOST_INTERNAL;
  memcpy(inst->url, start, (size_t)(end - start));
  strcat(inst->url, "/echo");
  *out = inst;
  return AIHOST_OK;
}

static void instance_destroy(aihost_instance *inst) { free(inst); }

static aihost_status invoke(aihost_instance *inst, const aihost_call *call,
                            const aihost_request *req,
                            const aihost_output *out) {
  aihost_http_header headers[2];
  aihost_http_request http;
  aihost_http_sink sink;
  aihost_error err;
  buffer body = {NULL, 0, 0};
  char *result;
  size_t cap;
  aihost_status st;

  if (req->operation.len != strlen(AIHOST_OP_LLM_CHAT) ||
      memcmp(req->operation.ptr, AIHOST_OP_LLM_CHAT, req->operation.len)) {
    fail(out, AIHOST_UNSUPPORTED, "only llm.chat is offered");
    return AIHOST_UNSUPPORTED;
  }
  headers[0].name.ptr = "Content-Type";
  headers[0].name.len = 12;
  headers[0].value.ptr = "application/json";
  headers[0].value.len = 16;
  headers[1].name.ptr = "X-Key";
  headers[1].name.len = 5;
  headers[1].value = req->api_key;

  memset(&http, 0, sizeof http);
  http.struct_size = sizeof http;
  http.method.ptr = "POST";
  http.method.len = 4;
  http.url.ptr = inst->url;
  http.url.len = strlen(inst->url);
  http.headers = headers;
  http.header_count = 2;
  http.body = req->params;

  memset(&sink, 0, sizeof sink);
  sink.plugin_data = &body;
  sink.on_head = on_head;
  sink.on_body = on_body;

  memset(&err, 0, sizeof err);
  err.struct_size = sizeof err;
  st = g_host->http_send(call, &http, &sink, &err);
  if (st != AIHOST_OK) {
    out->set_error(out->host_data, &err);
    free(body.data);
    return st;
  }
  /* The fake upstream answers with a JSON document; embed it as is. */
  cap = body.len + 64;
  result = (char *)malloc(cap);
  if (!result) {
    free(body.data);
    return AIHOST_INTERNAL;
  }
  snprintf(result, cap, "{\"status\":%d,\"content\":%s}", (int)body.status,
           body.len ? body.data : "null");
  {
    aihost_view v;
    v.ptr = result;
    v.len = strlen(result);
    out->write(out->host_data, v);
  }
  free(result);
  free(body.data);
  return AIHOST_OK;
}

static const void *get_extension(const char *id) {
  (void)id;
  return NULL;
}

static const char *const capabilities[] = {AIHOST_OP_LLM_CHAT, NULL};

static const aihost_plugin_descriptor descriptor = {
    AIHOST_ABI_MAJOR,
    AIHOST_ABI_MINOR,
    sizeof(aihost_plugin_descriptor),
    0,
    "c-echo",
    "1.0.0",
    "test plugin written in C99",
    capabilities,
    init,
    instance_create,
    instance_destroy,
    invoke,
    get_extension};

AIHOST_EXPORT const aihost_plugin_descriptor *aihost_plugin_entry(void) {
  return &descriptor;
}
