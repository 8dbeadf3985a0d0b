// Every scripted upstream fault mapped to status, HTTP status, provider
// code and retry hint; retries where they help and never where they don't;
// and the key kept out of everything that leaves the plugin.
#include "openai_harness.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using testing::OpenAiHarness;
using testing::user_says;
using json = nlohmann::json;
using fakes::OpenAiFault;

namespace {

void no_key_in(const plugins::Outcome& out) {
  CHECK_THAT(out.message, !Catch::Contains(testing::kOpenAiKey));
  CHECK_THAT(out.provider_code, !Catch::Contains(testing::kOpenAiKey));
  CHECK_THAT(out.result.dump(), !Catch::Contains(testing::kOpenAiKey));
}

}  // namespace

TEST_CASE("upstream faults map onto statuses", "[openai][errors]") {
  struct Case {
    OpenAiFault fault;
    aihost_status status;
    int http;
    std::string code;
    long long retry_after_ms;
  };
  std::vector<Case> cases = {
      {OpenAiFault::rate_limit, AIHOST_RATE_LIMITED, 429, "rate_limit_exceeded",
       -1},
      {OpenAiFault::rate_limit_retry_after, AIHOST_RATE_LIMITED, 429,
       "rate_limit_exceeded", 1000},
      // retry-after-ms wins over Retry-After, as in OpenAI's own clients.
      {OpenAiFault::rate_limit_retry_after_ms, AIHOST_RATE_LIMITED, 429,
       "rate_limit_exceeded", 20},
      {OpenAiFault::insufficient_quota, AIHOST_QUOTA_EXCEEDED, 429,
       "insufficient_quota", -1},
      {OpenAiFault::server_error, AIHOST_UNAVAILABLE, 500, "server_error", -1},
      {OpenAiFault::overloaded, AIHOST_UNAVAILABLE, 503, "server_error", -1},
      {OpenAiFault::malformed_json, AIHOST_UPSTREAM_PROTOCOL, 200, "", -1},
      {OpenAiFault::no_choices, AIHOST_UPSTREAM_PROTOCOL, 200, "", -1},
  };
  for (const auto& c : cases) {
    INFO("fault " << static_cast<int>(c.fault));
    OpenAiHarness h;
    h.fake.fail_next(c.fault);
    auto out = h.chat(user_says("hi"));
    CHECK(out.status == c.status);
    CHECK(out.http_status == c.http);
    CHECK(out.provider_code == c.code);
    CHECK(out.retry_after_ms == c.retry_after_ms);
    CHECK(h.fake.request_count() == 1);
    no_key_in(out);
  }
}

TEST_CASE("error messages carry OpenAI's message and request id",
          "[openai][errors]") {
  OpenAiHarness h;
  h.fake.fail_next(OpenAiFault::insufficient_quota);
  auto out = h.chat(user_says("hi"));
  CHECK_THAT(out.message, Catch::Contains("You exceeded your current quota"));
  CHECK_THAT(out.message, Catch::Contains("HTTP 429"));
  CHECK_THAT(out.message, Catch::Contains("req_fake"));
}

TEST_CASE("a wrong key is UNAUTHENTICATED and neither key leaks",
          "[openai][errors]") {
  OpenAiHarness h;
  const std::string wrong = "sk-proj-WrongKeyAbCdEfGh1234";
  auto out = h.chat(user_says("hi"), wrong);
  CHECK(out.status == AIHOST_UNAUTHENTICATED);
  CHECK(out.http_status == 401);
  CHECK(out.provider_code == "invalid_api_key");
  CHECK_THAT(out.message, Catch::Contains("Incorrect API key provided"));
  CHECK_THAT(out.message, !Catch::Contains(wrong));
  // Not even OpenAI's masked echo of it (which keeps the last four).
  CHECK_THAT(out.message, !Catch::Contains("1234"));
  no_key_in(out);
}

TEST_CASE("the fake's request rules reach the caller as INVALID_ARGUMENT",
          "[openai][errors]") {
  OpenAiHarness h;
  json params = user_says("no j-word here");
  params["response_format"] = {{"type", "json_object"}};
  auto out = h.chat(params);
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK(out.http_status == 400);
  CHECK_THAT(out.message, Catch::Contains("must contain the word 'json'"));

  // Strict schemas must close every object.
  params = user_says("Classify.");
  params["response_format"] =
      json::parse(R"({"type":"json_schema","json_schema":{
      "name":"loose","strict":true,
      "schema":{"type":"object","properties":{"a":{"type":"string"}}}}})");
  out = h.chat(params);
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(out.message, Catch::Contains("additionalProperties"));

  params = user_says("hi");
  params["model"] = "no-such-model";
  out = h.chat(params);
  CHECK(out.status == AIHOST_NOT_FOUND);
  CHECK(out.http_status == 404);
  CHECK(out.provider_code == "model_not_found");
}

TEST_CASE("a connection reset is UNAVAILABLE", "[openai][errors]") {
  OpenAiHarness h;
  h.fake.fail_next(OpenAiFault::reset);
  auto out = h.chat(user_says("hi"));
  CHECK(out.status == AIHOST_UNAVAILABLE);
  CHECK(out.http_status == 0);
  no_key_in(out);
}

TEST_CASE("a slow answer past the read timeout is DEADLINE_EXCEEDED",
          "[openai][errors]") {
  OpenAiHarness h;
  h.fake.set_slow_ms(1300);  // the harness reads for 1000 ms
  h.fake.fail_next(OpenAiFault::slow);
  auto out = h.chat(user_says("hi"));
  CHECK(out.status == AIHOST_DEADLINE_EXCEEDED);
  no_key_in(out);
}

TEST_CASE("a slow answer within the timeout succeeds", "[openai][errors]") {
  OpenAiHarness h;
  h.fake.set_slow_ms(150);
  h.fake.fail_next(OpenAiFault::slow);
  CHECK(h.chat(user_says("hi")).ok());
}

TEST_CASE("insufficient_quota is sent once even when retries are allowed",
          "[openai][errors][retry]") {
  OpenAiHarness h(/*max_retries=*/2);
  h.fake.fail_next(OpenAiFault::insufficient_quota, 3);
  auto out = h.chat(user_says("hi"));
  CHECK(out.status == AIHOST_QUOTA_EXCEEDED);
  CHECK(h.fake.request_count() == 1);
}

TEST_CASE("a rate-limited call is retried by the host and then succeeds",
          "[openai][errors][retry]") {
  OpenAiHarness h(/*max_retries=*/2);
  h.fake.fail_next(OpenAiFault::rate_limit_retry_after_ms, 2);
  auto out = h.chat(user_says("hi"));
  CHECK(out.ok());
  CHECK(h.fake.request_count() == 3);
}

TEST_CASE("a 500 is retried (no veto) and the retry succeeds",
          "[openai][errors][retry]") {
  OpenAiHarness h(/*max_retries=*/1);
  h.fake.fail_next(OpenAiFault::server_error);
  auto out = h.chat(user_says("hi"));
  CHECK(out.ok());
  CHECK(h.fake.request_count() == 2);
}
