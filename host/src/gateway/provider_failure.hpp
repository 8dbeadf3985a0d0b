// How a provider failure reads to API callers: the plugin's status becomes
// a stable error code, the HTTP status the API answers with, and whether
// trying again later can help. The same table serves synchronous routes,
// the OpenAI-compatible routes and job failures, so a failure reads the
// same wherever it surfaces.
#pragma once

#include <aihost/plugin.h>

namespace aihost::gateway {

struct FailureClass {
  const char* code;  // stable, lower_snake_case
  int http_status;
  bool retryable;
};

//   INVALID_ARGUMENT     invalid_request          400
//   UNAUTHENTICATED      upstream_auth_failed     502  (the provider key)
//   PERMISSION_DENIED    upstream_forbidden       502
//   NOT_FOUND            model_not_found          404
//   RATE_LIMITED         rate_limited             429  retryable
//   QUOTA_EXCEEDED       upstream_quota_exceeded  402
//   UNAVAILABLE          upstream_unavailable     503  retryable
//   DEADLINE_EXCEEDED    deadline_exceeded        504  retryable
//   CANCELLED            cancelled                499
//   UNSUPPORTED          unsupported              400
//   UPSTREAM_PROTOCOL    upstream_protocol_error  502  retryable
//   PAYLOAD_TOO_LARGE    payload_too_large        413
//   INTERNAL, other      internal_error           500
FailureClass classify(aihost_status status);

}  // namespace aihost::gateway
