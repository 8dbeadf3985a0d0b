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
  int read_timeout_ms = 60000;   // between bytes
  int total_timeout_ms = 300000; // whole request including retries
  int max_retries = 2;
  int backoff_initial_ms = 500;
  int backoff_max_ms = 8000;
  int max_retry_after_ms = 120000; // a longer server delay is not waited for
  int max_response_bytes = 64 << 20;
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

// Cancellation and deadline of the call the request belongs to.
struct CallControl {
  std::optional<Clock::time_point> deadline;
  const std::atomic<bool>* cancelled = nullptr;

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
