// Keep-alive pooling: connections are reused, shared safely between
// threads, and a pooled connection that died while idle costs no error.
#include "egress_support.hpp"
#include "net/connection_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace aihost::net;
using namespace aihost::net::testing;
using aihost::fakes::FakeRequest;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;
using namespace std::chrono_literals;

TEST_CASE("sequential requests share one keep-alive connection",
          "[net][pool]") {
  FakeServer server(
      [](const FakeRequest& r) { return FakeResponse::json(200, r.body); });
  Egress egress(fast_policy());
  Trace trace;
  CallControl call;
  call.trace = &trace;
  for (int i = 0; i < 20; ++i) {
    Request req = post(server);
    req.body = "{\"n\":" + std::to_string(i) + "}";
    Received got;
    REQUIRE_FALSE(egress.send(req, got.sink(), call));
    REQUIRE(got.body == req.body);
  }
  CHECK(server.request_count() == 20);
  CHECK(server.connection_count() == 1);
  CHECK(trace.reused_connections == 19);
}

TEST_CASE("bodies below, at and above the coalescing bound arrive whole",
          "[net][pool]") {
  // A request's head and body are sent together up to
  // Connection::kMaxCoalescedBytes; a longer body goes out after the head.
  // Either way the upstream must see every byte, and the connection stays
  // reusable.
  FakeServer server([](const FakeRequest& r) {
    return FakeResponse::json(
        200, "{\"bytes\":" + std::to_string(r.body.size()) + ",\"last\":\"" +
                 r.body.substr(r.body.size() - 1) + "\"}");
  });
  Egress egress(fast_policy());
  const size_t bound = Connection::kMaxCoalescedBytes;
  size_t n = 0;
  for (size_t size :
       {size_t{1}, bound - 300, bound, bound + 1, 3 * bound + 17}) {
    CAPTURE(size);
    Request req = post(server);
    req.body.assign(size, 'a');
    req.body.back() = 'z';
    Received got;
    REQUIRE_FALSE(egress.send(req, got.sink(), {}));
    CHECK(got.body ==
          "{\"bytes\":" + std::to_string(size) + ",\"last\":\"z\"}");
    REQUIRE(server.request_count() == ++n);
    CHECK(server.requests().back().body == req.body);
  }
  CHECK(server.connection_count() == 1);
}

TEST_CASE("GET without a body and error answers keep the connection",
          "[net][pool]") {
  FakeServer server(
      scripted({FakeResponse::json(404, "{}"), FakeResponse::json(200, kOk)}));
  Egress egress(fast_policy());
  Request get;
  get.url = server.base_url() + "/v1/models/none";
  Received a, b;
  REQUIRE_FALSE(egress.send(get, a.sink(), {}));
  REQUIRE_FALSE(egress.send(get, b.sink(), {}));
  CHECK(a.status == 404);
  CHECK(b.status == 200);
  CHECK(server.requests()[0].method == "GET");
  CHECK(server.connection_count() == 1);
}

TEST_CASE("an upstream that asks to close gets a new connection",
          "[net][pool]") {
  FakeServer server([](const FakeRequest&) {
    auto r = FakeResponse::json(200, kOk);
    r.headers.push_back({"Connection", "close"});
    return r;
  });
  Egress egress(fast_policy());
  for (int i = 0; i < 3; ++i) {
    Received got;
    REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
    CHECK(got.status == 200);
  }
  CHECK(server.connection_count() == 3);
}

TEST_CASE(
    "a pooled connection dropped by the upstream is replaced transparently",
    "[net][pool]") {
  // The second request lands on the pooled connection, which the upstream
  // drops without answering, as one that timed out an idle socket would.
  FakeServer server(
      [n = std::make_shared<std::atomic<int>>(0)](const FakeRequest&) {
        FakeResponse r = FakeResponse::json(200, kOk);
        if (n->fetch_add(1) == 1) r.reset = true;
        return r;
      });
  auto policy = fast_policy();
  policy.max_retries = 0;  // the resend is not a retry
  Egress egress(policy);
  Received first, second;
  REQUIRE_FALSE(egress.send(post(server), first.sink(), {}));
  Trace trace;
  CallControl call;
  call.trace = &trace;
  REQUIRE_FALSE(egress.send(post(server), second.sink(), call));
  CHECK(second.status == 200);
  CHECK(server.request_count() == 3);
  CHECK(server.connection_count() == 2);
  CHECK(trace.attempts == 1);
}

TEST_CASE("concurrent sends from 8 threads all get their own answer",
          "[net][pool]") {
  FakeServer server([](const FakeRequest& r) {
    auto resp = FakeResponse::json(200, r.body);
    resp.delay_ms = 2;
    return resp;
  });
  auto policy = fast_policy();
  policy.max_idle_per_origin = 4;
  Egress egress(policy);
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Request req = post(server);
        req.body = "{\"thread\":" + std::to_string(t) +
                   ",\"i\":" + std::to_string(i) + "}";
        Received got;
        if (!egress.send(req, got.sink(), {}) && got.status == 200 &&
            got.body == req.body)
          ++ok;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(ok == kThreads * kEach);
  CHECK(server.request_count() == kThreads * kEach);
  // Connections are reused: far fewer than requests, bounded by the
  // concurrency plus the ones closed because the idle pool was full.
  CHECK(server.connection_count() < static_cast<size_t>(kThreads * kEach / 4));
}

TEST_CASE("separate origins get separate connections", "[net][pool]") {
  FakeServer a(scripted({FakeResponse::json(200, R"({"from":"a"})")}));
  FakeServer b(scripted({FakeResponse::json(200, R"({"from":"b"})")}));
  Egress egress(fast_policy());
  for (int i = 0; i < 3; ++i) {
    Received ga, gb;
    REQUIRE_FALSE(egress.send(post(a), ga.sink(), {}));
    REQUIRE_FALSE(egress.send(post(b), gb.sink(), {}));
    CHECK(ga.body == R"({"from":"a"})");
    CHECK(gb.body == R"({"from":"b"})");
  }
  CHECK(a.connection_count() == 1);
  CHECK(b.connection_count() == 1);
}

namespace {

// An upstream that closes the connection after its first answer, without
// saying so in a Connection field, as one timing out an idle socket does.
FakeServer::Handler closes_after_first_answer() {
  return [n = std::make_shared<std::atomic<int>>(0)](const FakeRequest&) {
    FakeResponse r = FakeResponse::json(200, kOk);
    r.close_after = n->fetch_add(1) == 0;
    return r;
  };
}

// One request, `idle` for the closed connection to wait in the pool, then
// a second request, traced.
Trace second_after_idle(Egress& egress, FakeServer& server,
                        std::chrono::milliseconds idle, Received& second) {
  Received first;
  REQUIRE_FALSE(egress.send(post(server), first.sink(), {}));
  std::this_thread::sleep_for(idle);
  Trace trace;
  CallControl call;
  call.trace = &trace;
  REQUIRE_FALSE(egress.send(post(server), second.sink(), call));
  return trace;
}

UpstreamPolicy without_retries() {
  auto policy = fast_policy();
  policy.max_retries = 0;  // a resend is not a retry
  return policy;
}

}  // namespace

TEST_CASE("a pooled connection the upstream closed while idle is not used",
          "[net][pool]") {
  FakeServer server(closes_after_first_answer());
  Egress egress(without_retries());
  Received second;
  // Idle long enough that the pool asks the kernel before using it.
  const Trace trace = second_after_idle(egress, server, 300ms, second);
  CHECK(second.status == 200);
  CHECK(server.request_count() == 2);
  CHECK(server.connection_count() == 2);
  CHECK(trace.attempts == 1);
  CHECK(trace.reused_connections == 0);  // seen as closed before use
}

TEST_CASE("a connection closed just after its answer costs a resend only",
          "[net][pool]") {
  // Idle for less than the pool's trust window (the FIN has landed), the
  // closed connection is taken without a check; the request fails on it
  // before any response and goes again, once, on a new connection.
  FakeServer server(closes_after_first_answer());
  Egress egress(without_retries());
  Received second, third;
  const Trace trace = second_after_idle(egress, server, 20ms, second);
  CHECK(second.status == 200);
  CHECK(second.body == kOk);
  CHECK(trace.attempts == 1);
  CHECK(server.request_count() == 2);  // the closed socket carried nothing
  CHECK(server.connection_count() == 2);
  // The new connection is pooled and used again.
  REQUIRE_FALSE(egress.send(post(server), third.sink(), {}));
  CHECK(third.status == 200);
  CHECK(server.connection_count() == 2);
}
