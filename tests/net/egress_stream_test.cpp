// Streamed responses (SSE): delivered as they arrive, retried only before
// anything reached the sink, and a cut stream never passes for a whole one.
#include "egress_support.hpp"

#include <catch2/catch.hpp>

using namespace aihost::net;
using namespace aihost::net::testing;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;

namespace {

FakeResponse sse(std::vector<std::string> events, int gap_ms,
                 bool cut = false) {
  FakeResponse r;
  r.headers = {{"Content-Type", "text/event-stream"}};
  r.chunks = std::move(events);
  r.chunk_gap_ms = gap_ms;
  r.cut = cut;
  return r;
}

const std::vector<std::string> kEvents = {
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n",
    "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n",
    "data: {\"choices\":[{\"delta\":{}}],\"usage\":{\"total_tokens\":7}}\n\n",
    "data: [DONE]\n\n"};

Request stream_request(const FakeServer& server) {
  Request r = post(server, "/v1/chat/completions");
  r.body =
      R"({"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]})";
  r.stream = true;
  return r;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (auto& x : v) s += x;
  return s;
}

}  // namespace

TEST_CASE("stream chunks reach the sink as they arrive", "[net][stream]") {
  FakeServer server(scripted({sse(kEvents, 150)}));
  Egress egress(fast_policy());
  Received got;
  auto t0 = Clock::now();
  REQUIRE_FALSE(egress.send(stream_request(server), got.sink(), {}));
  CHECK(got.status == 200);
  CHECK(got.body == joined(kEvents));
  REQUIRE(got.chunks.size() >= 3);
  auto first = std::chrono::duration_cast<std::chrono::milliseconds>(
      got.chunk_times.front() - t0);
  auto spread = std::chrono::duration_cast<std::chrono::milliseconds>(
      got.chunk_times.back() - got.chunk_times.front());
  CHECK(first.count() <
        150);  // the first event before the second was even sent
  CHECK(spread.count() >= 400);  // three gaps of 150 ms between first and last
}

TEST_CASE(
    "a stream cut after its head is UNAVAILABLE with the partial data "
    "delivered",
    "[net][stream]") {
  FakeServer server(
      scripted({sse({kEvents[0], kEvents[1]}, 20, true), sse(kEvents, 0)}));
  Egress egress(fast_policy());
  Received got;
  Trace trace;
  CallControl call;
  call.trace = &trace;
  auto failure = egress.send(stream_request(server), got.sink(), call);
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UNAVAILABLE);
  CHECK(failure->message.find("cut") != std::string::npos);
  CHECK(got.status == 200);
  CHECK(got.body == kEvents[0] + kEvents[1]);
  CHECK(server.request_count() == 1);  // never retried once the sink has data
  CHECK(trace.attempts == 1);
}

TEST_CASE("a 429 before the stream starts is retried unseen", "[net][stream]") {
  FakeServer server(
      scripted({with_headers(FakeResponse::json(429, kRateLimited),
                             {{"retry-after-ms", "30"}}),
                sse(kEvents, 5)}));
  Egress egress(fast_policy());
  Received got;
  REQUIRE_FALSE(egress.send(stream_request(server), got.sink(), {}));
  CHECK(got.heads == 1);
  CHECK(got.status == 200);
  CHECK(got.body == joined(kEvents));
  CHECK(server.request_count() == 2);
}

TEST_CASE("a stream refused to the end delivers the last error answer",
          "[net][stream]") {
  FakeServer server(scripted({FakeResponse::json(
      503,
      R"({"error":{"message":"overloaded","type":"server_error","param":null,"code":null}})")}));
  Egress egress(fast_policy());
  Received got;
  REQUIRE_FALSE(egress.send(stream_request(server), got.sink(), {}));
  CHECK(got.status == 503);
  CHECK(got.body.find("overloaded") != std::string::npos);
  CHECK(server.request_count() == 3);
}

TEST_CASE("a sink that stops the stream ends the call quietly",
          "[net][stream]") {
  FakeServer server(scripted({sse(kEvents, 150), sse(kEvents, 0)}));
  Egress egress(fast_policy());
  int seen = 0;
  Sink sink;
  sink.on_head = [](int, const std::vector<Header>&) { return true; };
  sink.on_body = [&](std::string_view) { return ++seen < 2; };
  auto t0 = Clock::now();
  REQUIRE_FALSE(egress.send(stream_request(server), sink, {}));
  CHECK(seen == 2);
  CHECK(elapsed_ms(t0) < 350);  // did not wait for the rest of the stream
  // The half-read connection is not reused for the next call.
  Received got;
  REQUIRE_FALSE(egress.send(stream_request(server), got.sink(), {}));
  CHECK(got.body == joined(kEvents));
  CHECK(server.connection_count() == 2);
}

TEST_CASE("cancelling a stream mid-way stops it promptly", "[net][stream]") {
  FakeServer server(scripted({sse(kEvents, 250)}));
  Egress egress(fast_policy());
  std::atomic<bool> cancelled{false};
  CallControl call;
  call.cancelled = &cancelled;
  Received got;
  Sink sink = got.sink();
  auto inner = sink.on_body;
  sink.on_body = [&](std::string_view d) {
    cancelled = true;  // the caller goes away after the first event
    return inner(d);
  };
  auto t0 = Clock::now();
  auto failure = egress.send(stream_request(server), sink, call);
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_CANCELLED);
  CHECK(elapsed_ms(t0) < 200);
  CHECK(got.body == kEvents[0]);
}
