// The process-wide fault hook: injected failures go through the same retry
// and delivery paths as real ones, and nothing is injected once it is off.
#include "egress_support.hpp"
#include "net/fault_injection.hpp"

#include <catch2/catch.hpp>

using namespace aihost::net;
using namespace aihost::net::testing;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;

namespace {
struct HookGuard {
  explicit HookGuard(FaultHook hook) { set_fault_hook(std::move(hook)); }
  ~HookGuard() { set_fault_hook(nullptr); }
};
}  // namespace

// GCC 12 reports a false -Warray-bounds (its bug 105651 family) on the
// string copies inlined here; the object is an ordinary aggregate.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
[[gnu::noinline]] static InjectedFault injected_503() {
  InjectedFault f;
  f.kind = InjectedFault::Kind::response;
  f.status = 503;
  f.headers = {{"retry-after-ms", "5"}};
  f.body =
      R"({"error":{"message":"injected","type":"server_error","param":null,"code":null}})";
  return f;
}
#pragma GCC diagnostic pop

TEST_CASE("injected 503s are retried, then the upstream answers",
          "[net][fault]") {
  FakeServer server(scripted({FakeResponse::json(200, kOk)}));
  int asked = 0;
  HookGuard guard([&](const std::string& host,
                      const Request& r) -> std::optional<InjectedFault> {
    CHECK(host == "127.0.0.1");
    CHECK(r.method == "POST");
    if (++asked > 2) return std::nullopt;
    return injected_503();
  });
  Egress egress(fast_policy());
  Received got;
  Trace trace;
  CallControl call;
  call.trace = &trace;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), call));
  CHECK(got.status == 200);
  CHECK(server.request_count() == 1);
  CHECK(trace.attempts == 3);
  CHECK(trace.retry_reasons ==
        std::vector<std::string>{"http 503", "http 503"});
}

TEST_CASE("an injected reset on every attempt ends in UNAVAILABLE",
          "[net][fault]") {
  FakeServer server(scripted({FakeResponse::json(200, kOk)}));
  HookGuard guard(
      [](const std::string&, const Request&) { return InjectedFault{}; });
  Egress egress(fast_policy());
  Received got;
  auto failure = egress.send(post(server), got.sink(), {});
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UNAVAILABLE);
  CHECK(failure->message.find("injected fault") != std::string::npos);
  CHECK(server.request_count() == 0);
}

TEST_CASE("with the hook cleared nothing is injected", "[net][fault]") {
  FakeServer server(scripted({FakeResponse::json(200, kOk)}));
  {
    HookGuard guard(
        [](const std::string&, const Request&) { return InjectedFault{}; });
  }
  Egress egress(fast_policy());
  Received got;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  CHECK(got.status == 200);
  CHECK(server.request_count() == 1);
}
