// Retry hints, the retry veto and key scrubbing, without a network.
#include "errors.hpp"

#include <catch2/catch.hpp>

#include <ctime>

using namespace aihost::openai;
using aihost::sdk::Header;

TEST_CASE("retry hints come from retry-after-ms, then Retry-After",
          "[openai][errors]") {
  CHECK(retry_after_ms({}) == -1);
  CHECK(retry_after_ms({{"Retry-After", "2"}}) == 2000);
  CHECK(retry_after_ms({{"retry-after", "0.25"}}) == 250);
  CHECK(retry_after_ms({{"Retry-After", "3"}, {"retry-after-ms", "40.2"}}) ==
        41);
  CHECK(retry_after_ms({{"Retry-After", "soon"}}) == -1);
  CHECK(retry_after_ms({{"Retry-After", "-4"}}) == -1);

  std::time_t later = std::time(nullptr) + 30;
  char date[64];
  std::strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT",
                std::gmtime(&later));
  long long ms = retry_after_ms({{"Retry-After", date}});
  CHECK(ms >= 28000);
  CHECK(ms <= 30000);
}

TEST_CASE("the veto stops retries a retry cannot fix", "[openai][errors]") {
  const std::string quota =
      R"({"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})";
  const std::string rate =
      R"({"error":{"message":"Rate limit reached.","type":"requests","param":null,"code":"rate_limit_exceeded"}})";
  CHECK(forbids_retry(429, {}, quota));
  CHECK_FALSE(forbids_retry(429, {}, rate));
  CHECK_FALSE(forbids_retry(429, {}, "not json"));
  CHECK_FALSE(forbids_retry(500, {}, ""));
  CHECK(forbids_retry(503, {{"x-should-retry", "false"}}, ""));
  CHECK(forbids_retry(402, {}, ""));
}

TEST_CASE("scrub removes the key and OpenAI's masked echo",
          "[openai][errors]") {
  CHECK(scrub("bad key sk-live-123 here", "sk-live-123") ==
        "bad key [redacted] here");
  CHECK(scrub("Incorrect API key provided: sk-li*****9876. See docs", "x") ==
        "Incorrect API key provided: [redacted]. See docs");
  CHECK(scrub("nothing to hide", "sk-live-123") == "nothing to hide");
}

TEST_CASE("a stream error object maps by its type", "[openai][errors]") {
  using nlohmann::json;
  auto e = stream_error(json{{"message", "slow down"},
                             {"type", "requests"},
                             {"code", "rate_limit_exceeded"}},
                        "k");
  CHECK(e.status() == AIHOST_RATE_LIMITED);
  CHECK(e.provider_code() == "rate_limit_exceeded");
  CHECK(stream_error(
            json{{"message", "bad"}, {"type", "invalid_request_error"}}, "k")
            .status() == AIHOST_INVALID_ARGUMENT);
  CHECK(
      stream_error(json{{"message", "x"}, {"type", "insufficient_quota"}}, "k")
          .status() == AIHOST_QUOTA_EXCEEDED);
  CHECK(stream_error(json("oops"), "k").status() == AIHOST_UPSTREAM_PROTOCOL);
}
