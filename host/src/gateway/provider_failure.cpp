#include "gateway/provider_failure.hpp"

namespace aihost::gateway {

FailureClass classify(aihost_status status) {
  switch (status) {
    case AIHOST_INVALID_ARGUMENT:
      return {"invalid_request", 400, false};
    case AIHOST_UNAUTHENTICATED:
      return {"upstream_auth_failed", 502, false};
    case AIHOST_PERMISSION_DENIED:
      return {"upstream_forbidden", 502, false};
    case AIHOST_NOT_FOUND:
      return {"model_not_found", 404, false};
    case AIHOST_RATE_LIMITED:
      return {"rate_limited", 429, true};
    case AIHOST_QUOTA_EXCEEDED:
      return {"upstream_quota_exceeded", 402, false};
    case AIHOST_UNAVAILABLE:
      return {"upstream_unavailable", 503, true};
    case AIHOST_DEADLINE_EXCEEDED:
      return {"deadline_exceeded", 504, true};
    case AIHOST_CANCELLED:
      return {"cancelled", 499, false};
    case AIHOST_UNSUPPORTED:
      return {"unsupported", 400, false};
    case AIHOST_UPSTREAM_PROTOCOL:
      return {"upstream_protocol_error", 502, true};
    case AIHOST_PAYLOAD_TOO_LARGE:
      return {"payload_too_large", 413, false};
    default:
      return {"internal_error", 500, false};
  }
}

}  // namespace aihost::gateway
