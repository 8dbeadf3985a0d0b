// Transport faults: slow and vanishing upstreams, cancellation, oversized
// answers and bad requests.
#include "egress_support.hpp"

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using namespace aihost::net;
using namespace aihost::net::testing;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;

namespace {

FakeResponse slow(int ms) {
  auto r = FakeResponse::json(200, kOk);
  r.delay_ms = ms;
  return r;
}

FakeResponse reset() {
  FakeResponse r;
  r.reset = true;
  return r;
}

FakeResponse cut_body() {
  FakeResponse r;
  r.headers = {{"Content-Type", "application/json"}};
  r.chunks = {R"({"result":)", R"("partial)"};
  r.cut = true;
  return r;
}

// A port nobody listens on: bound, never listening, so connects are refused.
struct ClosedPort {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int port = 0;
  ClosedPort() {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    socklen_t len = sizeof(a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~ClosedPort() { ::close(fd); }
};

}  // namespace

TEST_CASE("a slow upstream past the request timeout gives DEADLINE_EXCEEDED",
          "[net][faults]") {
  FakeServer server(scripted({slow(700)}));
  Egress egress(fast_policy());
  Request req = post(server);
  req.timeout_ms = 150;
  Received got;
  auto t0 = Clock::now();
  auto failure = egress.send(req, got.sink(), {});
  auto ms = elapsed_ms(t0);
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_DEADLINE_EXCEEDED);
  CHECK(ms >= 140);
  CHECK(ms < 450);
  CHECK(got.heads == 0);
  CHECK(server.request_count() == 1);  // no retry once the deadline is gone
}

TEST_CASE("the call's deadline bounds the request too", "[net][faults]") {
  FakeServer server(scripted({slow(700)}));
  Egress egress(fast_policy());
  CallControl call;
  call.deadline = Clock::now() + std::chrono::milliseconds(120);
  Received got;
  auto t0 = Clock::now();
  auto failure = egress.send(post(server), got.sink(), call);
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_DEADLINE_EXCEEDED);
  CHECK(elapsed_ms(t0) < 450);
}

TEST_CASE("an idle upstream trips the read timeout and is retried",
          "[net][faults]") {
  FakeServer server(scripted({slow(600), FakeResponse::json(200, kOk)}));
  auto policy = fast_policy();
  policy.read_timeout_ms = 100;
  Egress egress(policy);
  Received got;
  Trace trace;
  CallControl call;
  call.trace = &trace;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), call));
  CHECK(got.status == 200);
  CHECK(trace.attempts == 2);
  CHECK(trace.retry_reasons == std::vector<std::string>{"read timeout"});
}

TEST_CASE("a connection reset before the response is retried",
          "[net][faults]") {
  FakeServer server(scripted({reset(), FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Received got;
  Trace trace;
  CallControl call;
  call.trace = &trace;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), call));
  CHECK(got.status == 200);
  CHECK(server.request_count() == 2);
  CHECK(trace.retry_reasons == std::vector<std::string>{"connection reset"});
}

TEST_CASE("resets on every attempt end in UNAVAILABLE", "[net][faults]") {
  FakeServer server(scripted({reset()}));
  Egress egress(fast_policy());
  Received got;
  auto failure = egress.send(post(server), got.sink(), {});
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UNAVAILABLE);
  CHECK(failure->message.find("127.0.0.1") != std::string::npos);
  CHECK(server.request_count() == 3);
  CHECK(got.heads == 0);
}

TEST_CASE("a reset in the middle of the body is UNAVAILABLE, after retries",
          "[net][faults]") {
  FakeServer server(scripted({cut_body()}));
  Egress egress(fast_policy());
  Received got;
  auto failure = egress.send(post(server), got.sink(), {});
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UNAVAILABLE);
  CHECK(failure->message.find("connection reset while reading response") !=
        std::string::npos);
  CHECK(server.request_count() == 3);
  CHECK(got.heads == 0);  // a partial body is never passed off as a response
}

TEST_CASE("a body cut and then a good answer succeeds", "[net][faults]") {
  FakeServer server(scripted({cut_body(), FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Received got;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  CHECK(got.body == kOk);
}

TEST_CASE("cancellation from another thread stops a waiting call",
          "[net][faults]") {
  FakeServer server(scripted({slow(800)}));
  Egress egress(fast_policy());
  std::atomic<bool> cancelled{false};
  CallControl call;
  call.cancelled = &cancelled;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancelled = true;
  });
  Received got;
  auto t0 = Clock::now();
  auto failure = egress.send(post(server), got.sink(), call);
  auto ms = elapsed_ms(t0);
  canceller.join();
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_CANCELLED);
  CHECK(ms >= 90);
  CHECK(ms < 400);
  CHECK(got.heads == 0);
}

TEST_CASE("cancellation during backoff stops before the next attempt",
          "[net][faults]") {
  FakeServer server(
      scripted({with_headers(FakeResponse::json(429, kRateLimited),
                             {{"Retry-After", "0.8"}}),
                FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  std::atomic<bool> cancelled{false};
  CallControl call;
  call.cancelled = &cancelled;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancelled = true;
  });
  Received got;
  auto t0 = Clock::now();
  auto failure = egress.send(post(server), got.sink(), call);
  auto ms = elapsed_ms(t0);
  canceller.join();
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_CANCELLED);
  CHECK(ms < 500);
  CHECK(server.request_count() == 1);
}

TEST_CASE("an already cancelled call sends nothing", "[net][faults]") {
  FakeServer server(scripted({FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  std::atomic<bool> cancelled{true};
  CallControl call;
  call.cancelled = &cancelled;
  Received got;
  auto failure = egress.send(post(server), got.sink(), call);
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_CANCELLED);
  CHECK(server.request_count() == 0);
}

TEST_CASE("a response over max_response_bytes is refused", "[net][faults]") {
  SECTION("declared by Content-Length") {
    FakeServer server(
        scripted({FakeResponse::json(200, std::string(5000, 'x'))}));
    auto policy = fast_policy();
    policy.max_response_bytes = 1000;
    Egress egress(policy);
    Received got;
    auto failure = egress.send(post(server), got.sink(), {});
    REQUIRE(failure);
    CHECK(failure->status == AIHOST_UPSTREAM_PROTOCOL);
    CHECK(failure->message.find("1000-byte limit") != std::string::npos);
    CHECK(server.request_count() == 1);
    CHECK(got.heads == 0);
  }
  SECTION("chunked, found while reading") {
    FakeResponse big;
    big.chunks = {std::string(600, 'a'), std::string(600, 'b')};
    FakeServer server(scripted({big}));
    auto policy = fast_policy();
    policy.max_response_bytes = 1000;
    Egress egress(policy);
    Received got;
    auto failure = egress.send(post(server), got.sink(), {});
    REQUIRE(failure);
    CHECK(failure->status == AIHOST_UPSTREAM_PROTOCOL);
  }
}

TEST_CASE("a refused connection is retried, then UNAVAILABLE naming the host",
          "[net][faults]") {
  ClosedPort closed;
  Egress egress(fast_policy());
  Request req;
  req.url = "http://127.0.0.1:" + std::to_string(closed.port) + "/v1/models";
  req.headers = {{"Authorization", "Bearer sk-test-secret-0123"}};
  Trace trace;
  CallControl call;
  call.trace = &trace;
  Received got;
  auto failure = egress.send(req, got.sink(), call);
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UNAVAILABLE);
  CHECK(failure->message.find("127.0.0.1:" + std::to_string(closed.port)) !=
        std::string::npos);
  CHECK(failure->message.find("sk-test") == std::string::npos);
  CHECK(trace.attempts == 3);
}

TEST_CASE("malformed requests are refused before any traffic",
          "[net][faults]") {
  FakeServer server(scripted({FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Received got;
  auto expect_invalid = [&](const Request& r) {
    auto failure = egress.send(r, got.sink(), {});
    REQUIRE(failure);
    CHECK(failure->status == AIHOST_INVALID_ARGUMENT);
    CHECK(failure->message.find("sk-test") == std::string::npos);
  };
  Request r = post(server);
  r.url = "ftp://127.0.0.1/file";
  expect_invalid(r);
  r.url = "http:///nohost";
  expect_invalid(r);
  r.url = "http://[::1";
  expect_invalid(r);
  r = post(server);
  r.headers.push_back({"X-Note", "a\r\nX-Injected: 1"});
  expect_invalid(r);
  r = post(server);
  r.headers.push_back({"Bad Name", "v"});
  expect_invalid(r);
  r = post(server);
  r.method = "GET /x";
  expect_invalid(r);
  CHECK(server.request_count() == 0);
}

TEST_CASE("the request reaches the upstream as given", "[net][faults]") {
  FakeServer server(scripted({FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Request r = post(server, "/v1/chat/completions?stream=false&x=a%20b");
  r.headers.push_back(
      {"Content-Length", "999"});  // the egress frames the body itself
  Received got;
  REQUIRE_FALSE(egress.send(r, got.sink(), {}));
  auto reqs = server.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].method == "POST");
  CHECK(reqs[0].path == "/v1/chat/completions");
  CHECK(reqs[0].param("x") == "a b");
  CHECK(reqs[0].body == r.body);
  CHECK(reqs[0].header("Content-Length") == std::to_string(r.body.size()));
  CHECK(reqs[0].header("Authorization") == "Bearer sk-test-secret-0123");
  CHECK(reqs[0].header("Content-Type") == "application/json");
  CHECK(reqs[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(reqs[0].header("Connection") == "keep-alive");
}
