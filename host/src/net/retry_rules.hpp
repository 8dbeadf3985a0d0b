// When and how long to wait before resending a request: the rules of the
// official OpenAI SDK (see PROTOCOLS.md "Reference retry policy"), which the
// other providers' status codes fit as well.
#pragma once

#include "net/http_types.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace aihost::net {

// Whether the response asks for a retry: `x-should-retry` decides when
// present; otherwise 408, 409, 429 and every 5xx.
bool retryable_response(int status, const std::vector<Header>& headers);

// The delay the server asked for, in ms: `retry-after-ms` (float ms), else
// `Retry-After` (float seconds or an HTTP-date, measured from `now`).
// Nothing when neither header is present or parseable.
std::optional<int64_t> server_retry_delay_ms(
    const std::vector<Header>& headers,
    std::chrono::system_clock::time_point now);

// min(initial * 2^retries_done, max) scaled by `jitter` (0.75..1).
int64_t backoff_ms(const UpstreamPolicy& policy, int retries_done,
                   double jitter);

// A uniform draw from [0.75, 1], per thread.
double random_jitter();

// The wait before the next retry of a retryable response: the server's
// delay when it is > 0 and within policy.max_retry_after_ms, else backoff.
// Nothing when the server asked for more than that limit: such a response
// is not retried at all.
std::optional<int64_t> retry_wait_ms(const UpstreamPolicy& policy,
                                     int retries_done,
                                     const std::vector<Header>& headers,
                                     std::chrono::system_clock::time_point now,
                                     double jitter);

}  // namespace aihost::net
