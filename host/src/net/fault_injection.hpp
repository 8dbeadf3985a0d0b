// A process-wide switch that makes the egress fail on purpose: drills of the
// retry, error-mapping and fallback paths (and chaos tests) without an
// upstream that misbehaves. Off unless a hook is set; then it costs one
// atomic load per attempt.
#pragma once

#include "net/http_types.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aihost::net {

struct InjectedFault {
  enum class Kind {
    reset,     // the connection drops before a response: retried as usual
    response,  // this response instead of the upstream's
  };
  Kind kind = Kind::reset;
  int status = 503;
  std::vector<Header> headers;
  std::string body;
};

// Asked before every attempt with the upstream host and the request;
// nothing means no fault for this attempt.
using FaultHook = std::function<std::optional<InjectedFault>(
    const std::string& host, const Request& request)>;

// Replaces the hook; an empty one turns injection off. Thread-safe.
void set_fault_hook(FaultHook hook);

std::optional<InjectedFault> injected_fault(const std::string& host,
                                            const Request& request);

}  // namespace aihost::net
