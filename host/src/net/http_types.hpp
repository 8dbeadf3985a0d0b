// Plain data types of the host's HTTP egress, shared by its callers.
#pragma once

#include <aihost/plugin.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::net {

using Clock = std::chrono::steady_clock;

struct Header {
  std::string name;
  std::string value;
};

// Case-insensitive lookup; the first match wins.
std::optional<std::string> find_header(const std::vector<Header>& headers,
                                       std::string_view name);

// Timeouts and retry policy of one upstream (registry: upstreams).
struct UpstreamPolicy {
  int connect_timeout_ms = 5000;
  int read_timeout_ms = 60000;    // between bytes
  int total_timeout_ms = 300000;  // whole request including retries
  int max_retries = 2;
  int backoff_initial_ms = 500;
  int backoff_max_ms = 8000;
  int max_retry_after_ms = 120000;  // a longer server delay is not waited for
  int max_response_bytes = 64 << 20;
  // Keep-alive connections kept idle per (scheme, host, port), and how long
  // an idle one may wait before it is closed rather than reused. Enough for
  // the request threads of a busy host to find one each: with fewer, calls
  // beyond the bound open a new connection and close it after one use.
  int max_idle_per_origin = 64;
  int idle_timeout_ms = 30000;
  // Trusted CAs for HTTPS: the system store, plus an optional PEM file (a
  // private CA in front of an upstream; tests use it for their own CA).
  std::string ca_location = "/etc/ssl/certs";
  std::string extra_ca_file;
};

struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<Header> headers;
  std::string body;
  bool stream = false;
  int64_t timeout_ms = 0;  // 0: the policy's total
  // Return true to forbid retrying this failed response.
  std::function<bool(int status, const std::vector<Header>& headers,
                     std::string_view body)>
      retry_veto;
};

// Receives the final response. Returning false aborts the transfer.
struct Sink {
  std::function<bool(int status, const std::vector<Header>& headers)> on_head;
  std::function<bool(std::string_view chunk)> on_body;
};

// What one send did, for metrics and logs. Filled by Egress::send when the
// caller passes one; never holds request or response data.
struct Trace {
  int attempts = 0;            // HTTP exchanges, retries included
  int64_t upstream_ms = 0;     // time spent talking to the upstream
  int last_status = 0;         // HTTP status of the last response, 0: none
  int reused_connections = 0;  // attempts served by a pooled connection
  std::vector<std::string>
      retry_reasons;  // e.g. "http 429", "connection reset"
};

// Cancellation and deadline of the call the request belongs to.
struct CallControl {
  std::optional<Clock::time_point> deadline;
  const std::atomic<bool>* cancelled = nullptr;
  Trace* trace = nullptr;

  bool is_cancelled() const {
    return (cancelled && cancelled->load(std::memory_order_relaxed)) ||
           (deadline && Clock::now() >= *deadline);
  }
};

struct Failure {
  aihost_status status = AIHOST_UNAVAILABLE;
  std::string message;
  int http_status = 0;
  int64_t retry_after_ms = -1;
};

}  // namespace aihost::net
