// Retry behaviour of the egress against a fake upstream that answers with
// scripted statuses and headers, as a rate-limited provider does.
#include "egress_support.hpp"

#include <catch2/catch.hpp>

using namespace aihost::net;
using namespace aihost::net::testing;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;

TEST_CASE("429 with Retry-After waits that long, then succeeds",
          "[net][retry]") {
  FakeServer server(
      scripted({with_headers(FakeResponse::json(429, kRateLimited),
                             {{"Retry-After", "0.3"}}),
                FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Received got;
  Trace trace;
  CallControl call;
  call.trace = &trace;
  auto t0 = Clock::now();
  auto failure = egress.send(post(server), got.sink(), call);
  REQUIRE_FALSE(failure);
  CHECK(elapsed_ms(t0) >= 300);
  CHECK(got.status == 200);
  CHECK(got.body == kOk);
  CHECK(got.heads == 1);  // the 429 never reached the sink
  CHECK(server.request_count() == 2);
  CHECK(trace.attempts == 2);
  CHECK(trace.last_status == 200);
  REQUIRE(trace.retry_reasons.size() == 1);
  CHECK(trace.retry_reasons[0] == "http 429");
  // The retry resends the same request.
  auto reqs = server.requests();
  CHECK(reqs[1].body == reqs[0].body);
  CHECK(reqs[1].header("Authorization") == reqs[0].header("Authorization"));
}

TEST_CASE("429 with retry-after-ms takes precedence over Retry-After",
          "[net][retry]") {
  FakeServer server(scripted(
      {with_headers(FakeResponse::json(429, kRateLimited),
                    {{"retry-after-ms", "150"}, {"Retry-After", "30"}}),
       FakeResponse::json(200, kOk)}));
  auto policy = fast_policy();
  policy.max_retry_after_ms = 60000;
  Egress egress(policy);
  Received got;
  auto t0 = Clock::now();
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  auto ms = elapsed_ms(t0);
  CHECK(ms >= 150);
  CHECK(ms < 2000);
  CHECK(got.status == 200);
  CHECK(server.request_count() == 2);
}

TEST_CASE("429 without delay headers backs off exponentially", "[net][retry]") {
  FakeServer server(scripted({FakeResponse::json(429, kRateLimited),
                              FakeResponse::json(429, kRateLimited),
                              FakeResponse::json(200, kOk)}));
  auto policy = fast_policy();
  policy.backoff_initial_ms = 40;
  policy.backoff_max_ms = 1000;
  Egress egress(policy);
  Received got;
  auto t0 = Clock::now();
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  // 40 ms then 80 ms, each scaled by a jitter of at least 0.75.
  CHECK(elapsed_ms(t0) >= 90);
  CHECK(got.status == 200);
  CHECK(server.request_count() == 3);
}

TEST_CASE("Retry-After beyond the limit is not retried", "[net][retry]") {
  FakeServer server(
      scripted({with_headers(FakeResponse::json(429, kRateLimited),
                             {{"Retry-After", "30"}}),
                FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());  // max_retry_after_ms = 1000
  Received got;
  auto t0 = Clock::now();
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  CHECK(elapsed_ms(t0) < 500);
  CHECK(server.request_count() == 1);
  CHECK(got.status == 429);
  CHECK(got.body == kRateLimited);
  CHECK(find_header(got.headers, "retry-after") == "30");
}

TEST_CASE("500 then 200 succeeds after one retry", "[net][retry]") {
  FakeServer server(scripted(
      {FakeResponse::json(
           500,
           R"({"error":{"message":"boom","type":"server_error","param":null,"code":null}})"),
       FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Received got;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  CHECK(got.status == 200);
  CHECK(got.body == kOk);
  CHECK(server.request_count() == 2);
}

TEST_CASE("503 until retries run out delivers the last response",
          "[net][retry]") {
  auto script = std::vector<FakeResponse>{};
  for (int i = 0; i < 3; ++i)
    script.push_back(with_headers(
        FakeResponse::json(
            503, R"({"error":{"message":"overloaded )" + std::to_string(i) +
                     R"(","type":"server_error","param":null,"code":null}})"),
        {{"x-request-id", "req_" + std::to_string(i)}}));
  script.push_back(FakeResponse::json(200, kOk));
  FakeServer server(scripted(script));
  auto policy = fast_policy();
  policy.max_retries = 2;
  Egress egress(policy);
  Received got;
  Trace trace;
  CallControl call;
  call.trace = &trace;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), call));
  CHECK(server.request_count() == 3);
  CHECK(trace.attempts == 3);
  CHECK(trace.retry_reasons ==
        std::vector<std::string>{"http 503", "http 503"});
  CHECK(got.status == 503);
  CHECK(got.body.find("overloaded 2") != std::string::npos);
  CHECK(find_header(got.headers, "X-Request-Id") == "req_2");
}

TEST_CASE("client errors are delivered without retry", "[net][retry]") {
  for (int status : {400, 401, 403, 404, 422}) {
    CAPTURE(status);
    FakeServer server(scripted(
        {FakeResponse::json(
             status,
             R"({"error":{"message":"no","type":"invalid_request_error","param":null,"code":null}})"),
         FakeResponse::json(200, kOk)}));
    Egress egress(fast_policy());
    Received got;
    REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
    CHECK(got.status == status);
    CHECK(server.request_count() == 1);
  }
}

TEST_CASE("408 and 409 are retried", "[net][retry]") {
  for (int status : {408, 409}) {
    CAPTURE(status);
    FakeServer server(scripted(
        {FakeResponse::json(status, "{}"), FakeResponse::json(200, kOk)}));
    Egress egress(fast_policy());
    Received got;
    REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
    CHECK(got.status == 200);
    CHECK(server.request_count() == 2);
  }
}

TEST_CASE("x-should-retry: false forbids, true forces", "[net][retry]") {
  SECTION("false on a 503") {
    FakeServer server(scripted({with_headers(FakeResponse::json(503, "{}"),
                                             {{"x-should-retry", "false"}}),
                                FakeResponse::json(200, kOk)}));
    Egress egress(fast_policy());
    Received got;
    REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
    CHECK(got.status == 503);
    CHECK(server.request_count() == 1);
  }
  SECTION("true on a 400") {
    FakeServer server(scripted({with_headers(FakeResponse::json(400, "{}"),
                                             {{"x-should-retry", "true"}}),
                                FakeResponse::json(200, kOk)}));
    Egress egress(fast_policy());
    Received got;
    REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
    CHECK(got.status == 200);
    CHECK(server.request_count() == 2);
  }
}

TEST_CASE("retry_veto stops the retry and sees the failed response",
          "[net][retry]") {
  const std::string quota =
      R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})";
  FakeServer server(
      scripted({FakeResponse::json(429, quota), FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Request req = post(server);
  int asked = 0;
  std::string seen;
  req.retry_veto = [&](int status, const std::vector<Header>&,
                       std::string_view body) {
    ++asked;
    seen = body;
    return status == 429 &&
           body.find("insufficient_quota") != std::string_view::npos;
  };
  Received got;
  REQUIRE_FALSE(egress.send(req, got.sink(), {}));
  CHECK(asked == 1);
  CHECK(seen == quota);
  CHECK(got.status == 429);
  CHECK(server.request_count() == 1);
}

TEST_CASE("a veto that allows lets the retry happen", "[net][retry]") {
  FakeServer server(scripted(
      {FakeResponse::json(429, kRateLimited), FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Request req = post(server);
  int asked = 0;
  req.retry_veto = [&](int, const std::vector<Header>&, std::string_view) {
    ++asked;
    return false;
  };
  Received got;
  REQUIRE_FALSE(egress.send(req, got.sink(), {}));
  CHECK(asked == 1);
  CHECK(got.status == 200);
}

TEST_CASE("a server delay past the deadline returns the response at once",
          "[net][retry]") {
  FakeServer server(
      scripted({with_headers(FakeResponse::json(429, kRateLimited),
                             {{"Retry-After", "0.8"}}),
                FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Request req = post(server);
  req.timeout_ms = 300;
  Received got;
  auto t0 = Clock::now();
  REQUIRE_FALSE(egress.send(req, got.sink(), {}));
  CHECK(elapsed_ms(t0) < 250);
  CHECK(got.status == 429);
  CHECK(server.request_count() == 1);
}

TEST_CASE("max_retries = 0 sends once", "[net][retry]") {
  FakeServer server(
      scripted({FakeResponse::json(503, "{}"), FakeResponse::json(200, kOk)}));
  auto policy = fast_policy();
  policy.max_retries = 0;
  Egress egress(policy);
  Received got;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  CHECK(got.status == 503);
  CHECK(server.request_count() == 1);
}
