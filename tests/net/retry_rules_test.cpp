#include "net/retry_rules.hpp"

#include <catch2/catch.hpp>

using namespace aihost::net;
using std::chrono::system_clock;

namespace {
// Tue, 24 Nov 2026 10:00:00 GMT
const system_clock::time_point kNow = system_clock::from_time_t(1795514400);
}  // namespace

TEST_CASE("statuses the reference policy retries", "[net][retry]") {
  for (int s : {408, 409, 429, 500, 502, 503, 504, 529})
    CHECK(retryable_response(s, {}));
  for (int s : {400, 401, 403, 404, 413, 422})
    CHECK_FALSE(retryable_response(s, {}));
}

TEST_CASE("x-should-retry overrides the status", "[net][retry]") {
  CHECK(retryable_response(400, {{"X-Should-Retry", "true"}}));
  CHECK_FALSE(retryable_response(503, {{"x-should-retry", "false"}}));
  CHECK(retryable_response(503, {{"x-should-retry", "maybe"}}));
}

TEST_CASE("server delay: retry-after-ms first, then Retry-After",
          "[net][retry]") {
  CHECK(server_retry_delay_ms(
            {{"retry-after-ms", "250.5"}, {"Retry-After", "9"}}, kNow) == 251);
  CHECK(server_retry_delay_ms({{"Retry-After", "3"}}, kNow) == 3000);
  CHECK(server_retry_delay_ms({{"Retry-After", "0.25"}}, kNow) == 250);
  CHECK(server_retry_delay_ms(
            {{"retry-after-ms", "soon"}, {"Retry-After", "2"}}, kNow) == 2000);
  CHECK_FALSE(server_retry_delay_ms({{"Retry-After", "later"}}, kNow));
  CHECK_FALSE(server_retry_delay_ms({{"Retry-After", "5s"}}, kNow));
  CHECK_FALSE(server_retry_delay_ms({}, kNow));
}

TEST_CASE("Retry-After as an HTTP-date counts from now", "[net][retry]") {
  CHECK(server_retry_delay_ms(
            {{"Retry-After", "Tue, 24 Nov 2026 10:00:30 GMT"}}, kNow) == 30000);
  auto past = server_retry_delay_ms(
      {{"Retry-After", "Tue, 24 Nov 2026 09:59:00 GMT"}}, kNow);
  REQUIRE(past);
  CHECK(*past < 0);
}

TEST_CASE("backoff doubles up to the cap and jitter only shortens it",
          "[net][retry]") {
  UpstreamPolicy p;
  p.backoff_initial_ms = 500;
  p.backoff_max_ms = 8000;
  CHECK(backoff_ms(p, 0, 1.0) == 500);
  CHECK(backoff_ms(p, 1, 1.0) == 1000);
  CHECK(backoff_ms(p, 3, 1.0) == 4000);
  CHECK(backoff_ms(p, 5, 1.0) == 8000);
  CHECK(backoff_ms(p, 400, 1.0) == 8000);
  CHECK(backoff_ms(p, 1, 0.75) == 750);
  for (int i = 0; i < 1000; ++i) {
    double j = random_jitter();
    REQUIRE(j >= 0.75);
    REQUIRE(j <= 1.0);
  }
}

TEST_CASE("retry wait: honoured delay, backoff fallback, over-limit refusal",
          "[net][retry]") {
  UpstreamPolicy p;
  p.backoff_initial_ms = 100;
  p.max_retry_after_ms = 120000;
  CHECK(retry_wait_ms(p, 0, {{"Retry-After", "20"}}, kNow, 1.0) == 20000);
  CHECK(retry_wait_ms(p, 0, {{"Retry-After", "120"}}, kNow, 1.0) == 120000);
  CHECK_FALSE(retry_wait_ms(p, 0, {{"Retry-After", "121"}}, kNow, 1.0));
  CHECK_FALSE(retry_wait_ms(p, 0, {{"retry-after-ms", "120001"}}, kNow, 1.0));
  // Zero, negative and unparseable delays fall back to backoff.
  CHECK(retry_wait_ms(p, 1, {{"Retry-After", "0"}}, kNow, 1.0) == 200);
  CHECK(retry_wait_ms(p, 1, {{"Retry-After", "Tue, 24 Nov 2026 09:00:00 GMT"}},
                      kNow, 1.0) == 200);
  CHECK(retry_wait_ms(p, 2, {{"Retry-After", "nope"}}, kNow, 1.0) == 400);
}
