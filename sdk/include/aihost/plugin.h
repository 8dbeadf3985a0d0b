/*
 * aihost plugin ABI, major version 1.
 *
 * This header is the whole contract between the aihost host process and a
 * provider plugin (a shared library). It is pure C99 so that a plugin can be
 * written in any language that can export a C function.
 *
 * 1. Discovery. A plugin exports exactly one symbol, AIHOST_PLUGIN_ENTRY
 *    ("aihost_plugin_entry"), a function that returns a pointer to a constant
 *    aihost_plugin_descriptor that lives as long as the library is loaded.
 *
 * 2. Negotiation. The host reads the first three fields of the descriptor
 *    (abi_major, abi_minor, struct_size) before anything else. It refuses a
 *    plugin whose abi_major differs from AIHOST_ABI_MAJOR, or whose abi_minor
 *    is newer than the host's, and then calls nothing else in it.
 *
 * 3. Growth. Structures only grow by appending fields. Every structure that
 *    may grow starts with `struct_size`; a reader checks it before touching a
 *    field that a later minor version added. Optional features are extensions
 *    looked up by a versioned string id (AIHOST_EXT_*), returning a table or
 *    NULL.
 *
 * 4. Ownership. aihost_view inputs are borrowed and valid until the function
 *    they were passed to returns. Results go into host-owned sinks
 *    (aihost_output, aihost_http_sink). Plugin-owned objects (instances) are
 *    released only through the plugin's own function. Nothing is freed
 *    across the boundary.
 *
 * 5. Failure. Every fallible function returns an aihost_status. Details
 *    (message, provider HTTP status, retry hint) go through
 *    aihost_output.set_error. No C++ exception and no C++ type crosses the
 *    boundary.
 *
 * 6. Threading. Every function pointer is labelled:
 *      [init-only]           called once, before any other call, on one thread
 *      [any-thread]          may be called concurrently from any thread
 *      [instance-serialized] never concurrently for the same instance
 *
 * 7. Secrets. Provider credentials arrive per call in aihost_request and
 *    must not be stored, logged or echoed in messages.
 *
 * 8. Network. A plugin reaches the network only through
 *    aihost_host_services.http_send, which owns timeouts, TLS, retries,
 *    pooling, metrics and audit.
 */
#ifndef AIHOST_PLUGIN_H
#define AIHOST_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AIHOST_ABI_MAJOR 1
#define AIHOST_ABI_MINOR 0

/* The one symbol a plugin exports. */
#define AIHOST_PLUGIN_ENTRY "aihost_plugin_entry"

#if defined(__GNUC__) || defined(__clang__)
#define AIHOST_EXPORT __attribute__((visibility("default")))
#else
#define AIHOST_EXPORT
#endif

/* ------------------------------------------------------------------------ */
/* Basic types                                                              */
/* ------------------------------------------------------------------------ */

/* A borrowed byte range; not NUL-terminated. ptr may be NULL when len is 0. */
typedef struct aihost_view {
  const char *ptr;
  size_t len;
} aihost_view;

/* A closed set of outcomes. The host maps any value it does not know to
 * AIHOST_INTERNAL. Values never change meaning; new ones are only appended. */
typedef int32_t aihost_status;
enum {
  AIHOST_OK = 0,
  AIHOST_INVALID_ARGUMENT = 1,   /* the request is wrong; retrying won't help */
  AIHOST_UNAUTHENTICATED = 2,    /* provider refused the credentials */
  AIHOST_PERMISSION_DENIED = 3,  /* credentials valid, action not allowed */
  AIHOST_NOT_FOUND = 4,          /* model or resource unknown upstream */
  AIHOST_RATE_LIMITED = 5,       /* retry later; see retry_after_ms */
  AIHOST_QUOTA_EXCEEDED = 6,     /* account out of quota; do not retry */
  AIHOST_UNAVAILABLE = 7,        /* connect failure, reset, 5xx */
  AIHOST_DEADLINE_EXCEEDED = 8,  /* the call's deadline passed */
  AIHOST_CANCELLED = 9,          /* the caller went away */
  AIHOST_UNSUPPORTED = 10,       /* operation or option not offered */
  AIHOST_UPSTREAM_PROTOCOL = 11, /* provider answered off-contract */
  AIHOST_INTERNAL = 12,          /* a bug in the plugin or host */
  AIHOST_PAYLOAD_TOO_LARGE = 13  /* input over a provider or host limit */
};

typedef int32_t aihost_log_level;
enum {
  AIHOST_LOG_DEBUG = 0,
  AIHOST_LOG_INFO = 1,
  AIHOST_LOG_WARN = 2,
  AIHOST_LOG_ERROR = 3
};

/* Failure detail, filled by whoever failed. Views are borrowed from the
 * writer and are valid until the function that received them returns. */
typedef struct aihost_error {
  uint32_t struct_size;
  aihost_status status;
  int32_t provider_http_status; /* 0 when no HTTP answer was received */
  int32_t reserved0;
  int64_t retry_after_ms;    /* -1: no hint; otherwise the provider's delay */
  aihost_view message;       /* for humans; never contains secrets */
  aihost_view provider_code; /* provider's machine code, may be empty */
} aihost_error;

/* ------------------------------------------------------------------------ */
/* Host services: what the host offers to the plugin                         */
/* ------------------------------------------------------------------------ */

/* One in-flight call. Opaque and host-owned; valid until the plugin function
 * that received it returns. */
typedef struct aihost_call aihost_call;

typedef struct aihost_http_header {
  aihost_view name;
  aihost_view value;
} aihost_http_header;

/* Flags for aihost_http_request.flags. */
enum {
  /* Deliver the body to on_body chunk by chunk as it arrives (server-sent
   * events). The host retries only before the first byte reaches on_head. */
  AIHOST_HTTP_STREAM = 1u << 0
};

typedef struct aihost_http_request {
  uint32_t struct_size;
  uint32_t flags;
  aihost_view method; /* "GET", "POST", ... */
  aihost_view url;    /* absolute: scheme, host, port, path and query */
  const aihost_http_header *headers;
  size_t header_count;
  aihost_view body;
  /* Total time allowed for this request including retries, in
   * milliseconds; 0 leaves it to the host (the call's deadline and the
   * upstream's configured timeouts). */
  int64_t timeout_ms;
  /* Asked before the host retries a failed response (408, 409, 429, 5xx).
   * Return nonzero to forbid the retry, for provider signals the host cannot
   * know (OpenAI's insufficient_quota). NULL: the host's policy alone.
   * [any-thread] */
  int (*retry_veto)(void *plugin_data, int32_t http_status,
                    const aihost_http_header *headers, size_t header_count,
                    aihost_view body);
  void *plugin_data;
} aihost_http_request;

/* Where the host delivers the response. Callbacks run on the calling thread
 * before http_send returns. */
typedef struct aihost_http_sink {
  void *plugin_data;
  /* Called once with the final status and headers. Return 0 to go on,
   * nonzero to abort the transfer. */
  int (*on_head)(void *plugin_data, int32_t http_status,
                 const aihost_http_header *headers, size_t header_count);
  /* Body bytes: the whole body at once, or chunks with AIHOST_HTTP_STREAM.
   * Return 0 to go on, nonzero to abort the transfer. */
  int (*on_body)(void *plugin_data, aihost_view chunk);
} aihost_http_sink;

typedef struct aihost_host_services {
  uint32_t struct_size;
  uint32_t host_abi_minor;
  void *host_data;

  /* Writes one log line attributed to the plugin. [any-thread] */
  void (*log)(void *host_data, aihost_log_level level, aihost_view message);

  /* Monotonic clock in milliseconds. [any-thread] */
  int64_t (*monotonic_ms)(void *host_data);

  /* Nonzero once the caller has gone or the deadline passed. [any-thread] */
  int (*is_cancelled)(const aihost_call *call);

  /* The call's deadline on the monotonic clock, or 0 for none.
   * [any-thread] */
  int64_t (*deadline_ms)(const aihost_call *call);

  /* Sends one HTTP request through the host's egress. Returns AIHOST_OK when
   * a response was delivered to the sink, whatever its HTTP status. On
   * AIHOST_UNAVAILABLE, AIHOST_DEADLINE_EXCEEDED or AIHOST_CANCELLED, fills
   * *error (whose views stay valid until the plugin function that received
   * `call` returns). [any-thread] */
  aihost_status (*http_send)(const aihost_call *call,
                             const aihost_http_request *request,
                             const aihost_http_sink *sink, aihost_error *error);
} aihost_host_services;

/* ------------------------------------------------------------------------ */
/* Calls into the plugin                                                     */
/* ------------------------------------------------------------------------ */

/* Operation names. A plugin lists the ones it offers in `capabilities`. The
 * parameters and result of each are JSON documents whose shapes sdk/README.md
 * specifies. */
#define AIHOST_OP_LLM_CHAT "llm.chat"
#define AIHOST_OP_AUDIO_TRANSCRIBE "audio.transcribe"
#define AIHOST_OP_PII_REDACT "pii.redact"

typedef struct aihost_request {
  uint32_t struct_size;
  uint32_t reserved0;
  aihost_view operation;    /* one of AIHOST_OP_* */
  aihost_view params;       /* JSON object, shape per operation */
  aihost_view payload;      /* binary input (audio bytes), may be empty */
  aihost_view payload_type; /* MIME type of payload, e.g. "audio/wav" */
  aihost_view api_key;      /* the provider secret for this call only */
} aihost_request;

/* Host-owned result sink. */
typedef struct aihost_output {
  void *host_data;
  /* Appends bytes of the result JSON document. */
  void (*write)(void *host_data, aihost_view bytes);
  /* Records why the call failed. The last call wins. */
  void (*set_error)(void *host_data, const aihost_error *error);
} aihost_output;

/* A configured instance of a provider: per tenant configuration, created
 * from opaque JSON. Opaque and plugin-owned. */
typedef struct aihost_instance aihost_instance;

typedef struct aihost_plugin_descriptor {
  /* Frozen: these three never move. */
  uint32_t abi_major;
  uint32_t abi_minor;
  uint32_t struct_size;
  uint32_t reserved0;

  const char *id;          /* stable id, [a-z0-9_-]+, e.g. "openai" */
  const char *version;     /* the plugin's own version, e.g. "1.2.0" */
  const char *description; /* one line for operators */
  /* NULL-terminated list of AIHOST_OP_* the plugin offers. */
  const char *const *capabilities;

  /* Receives the host's services, which stay valid until the process ends.
   * [init-only] */
  aihost_status (*init)(const aihost_host_services *host);

  /* Creates an instance from a JSON object: at least "base_url", plus
   * provider-specific settings (sdk/README.md). Failure detail goes to
   * `diag`. [any-thread] */
  aihost_status (*instance_create)(aihost_view config_json,
                                   const aihost_output *diag,
                                   aihost_instance **out);

  /* Releases an instance after its last call has returned.
   * [instance-serialized] */
  void (*instance_destroy)(aihost_instance *instance);

  /* Runs one operation. Writes the result JSON to `out` and returns
   * AIHOST_OK, or returns a failure status after out->set_error.
   * Instances are immutable after creation, so calls on one instance may
   * run concurrently. [any-thread] */
  aihost_status (*invoke)(aihost_instance *instance, const aihost_call *call,
                          const aihost_request *request,
                          const aihost_output *out);

  /* Returns the table of an optional feature, or NULL if not offered.
   * [any-thread] */
  const void *(*get_extension)(const char *extension_id);
} aihost_plugin_descriptor;

typedef const aihost_plugin_descriptor *(*aihost_plugin_entry_fn)(void);

/* The entry point every plugin defines. */
AIHOST_EXPORT const aihost_plugin_descriptor *aihost_plugin_entry(void);

/* ------------------------------------------------------------------------ */
/* Extensions                                                                */
/* ------------------------------------------------------------------------ */

/* Streaming chat. The plugin emits each chunk as a JSON event (sdk/README.md,
 * "llm.chat stream events") and, once the stream ends, writes the final
 * llm.chat result (with usage) to `out`. A stream that ends before the
 * provider's end marker is AIHOST_UNAVAILABLE, never a success. */
#define AIHOST_EXT_LLM_STREAM_V1 "aihost.llm.stream/1"

typedef struct aihost_event_sink {
  void *host_data;
  /* Delivers one event. Returns 0 to go on, nonzero when the consumer has
   * gone: the plugin then stops and returns AIHOST_CANCELLED. */
  int (*emit)(void *host_data, aihost_view event_json);
} aihost_event_sink;

typedef struct aihost_llm_stream_v1 {
  uint32_t struct_size;
  uint32_t reserved0;
  /* [any-thread] */
  aihost_status (*chat_stream)(aihost_instance *instance,
                               const aihost_call *call,
                               const aihost_request *request,
                               const aihost_event_sink *events,
                               const aihost_output *out);
} aihost_llm_stream_v1;

/* Native multichannel transcription: given "multichannel": true, the plugin
 * transcribes each channel of the payload separately and labels segments
 * with their channel. Without it the host splits channels itself. */
#define AIHOST_EXT_AUDIO_MULTICHANNEL_V1 "aihost.audio.multichannel/1"

typedef struct aihost_audio_multichannel_v1 {
  uint32_t struct_size;
  uint32_t max_channels;
} aihost_audio_multichannel_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* AIHOST_PLUGIN_H */
