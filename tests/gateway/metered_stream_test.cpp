// MeteredCaller::stream: usage from the provider's final usage frame, or
// counted from what was streamed when it never came (cut upstream, a
// consumer that went away, an upstream that sends no usage).
#include <catch2/catch.hpp>

#include <strings.h>

#include "gateway_world.hpp"

using namespace aihost;
using aihost::fakes::OpenAiFault;
using aihost::testing::GatewayWorld;
using aihost::testing::test_engines;
using nlohmann::json;

namespace {

std::string streamed_text(const std::vector<json>& events) {
  std::string text;
  for (const auto& e : events) text += e.value("content", "");
  return text;
}

// An OpenAI-compatible upstream that answers streams without the usage
// chunk, as some compatible servers do whatever stream_options says.
fakes::FakeResponse usage_less_stream(const fakes::FakeRequest& r,
                                      const std::string& key) {
  auto auth = r.header("Authorization").value_or("");
  if (r.method != "POST" || r.path != "/v1/chat/completions")
    return fakes::FakeResponse::json(404, R"({"error":{"message":"no"}})");
  if (auth != "Bearer " + key)
    return fakes::FakeResponse::json(401, R"({"error":{"message":"key"}})");
  auto body = json::parse(r.body);
  if (body.value("stream", false) != true)
    return fakes::FakeResponse::json(400, R"({"error":{"message":"stream"}})");
  auto chunk = [](const json& delta, const json& finish) {
    json c = {{"id", "chatcmpl-compat1"},
              {"object", "chat.completion.chunk"},
              {"created", 1764000000},
              {"model", "gpt-4o-mini-2025-04-14"},
              {"choices",
               {{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}}}};
    return "data: " + c.dump() + "\n\n";
  };
  fakes::FakeResponse resp;
  resp.headers = {{"Content-Type", "text/event-stream"}};
  resp.chunks = {chunk({{"role", "assistant"}, {"content", ""}}, nullptr),
                 chunk({{"content", "The engineer arrives "}}, nullptr),
                 chunk({{"content", "between 9 and 11."}}, nullptr),
                 chunk(json::object(), "stop"), "data: [DONE]\n\n"};
  return resp;
}

}  // namespace

TEST_CASE("a stream with a usage frame settles its exact tokens") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", 1'000'000);
    std::vector<json> events;
    auto report =
        w.caller->stream(w.chat_call("acme", "req-s1"), [&](const json& e) {
          events.push_back(e);
          return true;
        });
    REQUIRE(report.outcome.ok());
    CHECK(streamed_text(events) == "Your call is booked for Tuesday.");
    auto body = fakes::FakeOpenAI::json_body(w.openai.requests().at(0));
    CHECK(body["stream"] == true);
    CHECK(report.cost.micro_usd == 67);

    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].success);
    CHECK(rows[0].input_tokens == 31);
    CHECK(rows[0].output_tokens == 9);
    CHECK(json::parse(rows[0].metadata_json)["usage_source"] == "provider");
    w.leases->close_all();
    CHECK(w.period("acme").spent_micros == 67);
    CHECK(w.period("acme").reserved_micros == 0);
  }
}

TEST_CASE("a cut stream is an error, metered from what arrived") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", 1'000'000);
    w.openai.fail_next(OpenAiFault::stream_cut);
    std::vector<json> events;
    auto report =
        w.caller->stream(w.chat_call("acme", "req-cut"), [&](const json& e) {
          events.push_back(e);
          return true;
        });
    CHECK(report.outcome.status == AIHOST_UNAVAILABLE);
    REQUIRE_FALSE(events.empty());
    const auto delivered = streamed_text(events).size();

    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].success);
    CHECK(rows[0].error_code == "upstream_unavailable");
    CHECK(rows[0].output_tokens == static_cast<int64_t>((delivered + 3) / 4));
    CHECK(rows[0].input_tokens == 100);  // the caller's expectation
    CHECK(json::parse(rows[0].metadata_json)["usage_source"] == "counted");
    const int64_t cost = 100 * 1 + rows[0].output_tokens * 4;  // micro-USD
    CHECK(*rows[0].cost_usd == Approx(cost / 1e6));
    w.leases->close_all();
    CHECK(w.period("acme").spent_micros == cost);
  }
}

TEST_CASE("a consumer that stops the stream is billed for what was counted") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    w.add_tenant("acme", 1'000'000);
    std::vector<json> events;
    auto call = w.chat_call("acme", "req-gone");
    call.expected.input_tokens = 0;  // counted from the messages instead
    auto report = w.caller->stream(call, [&](const json& e) {
      events.push_back(e);
      return false;  // the client went away after the first event
    });
    CHECK(report.outcome.status == AIHOST_CANCELLED);
    REQUIRE(events.size() == 1);
    const auto delivered = streamed_text(events).size();
    REQUIRE(delivered > 0);

    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].success);
    CHECK(rows[0].error_code == "cancelled");
    CHECK(rows[0].output_tokens == static_cast<int64_t>((delivered + 3) / 4));
    // The messages are 30 + 49 bytes: 20 tokens.
    CHECK(rows[0].input_tokens == 20);
    CHECK(json::parse(rows[0].metadata_json)["usage_source"] == "counted");
    w.leases->close_all();
    CHECK(w.period("acme").spent_micros == 20 + rows[0].output_tokens * 4);
  }
}

TEST_CASE("a stream without a usage frame settles from counted tokens") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    const std::string key = "sk-compat-cccccccccccccccccccccccc";
    fakes::FakeServer compat(
        [&](const fakes::FakeRequest& r) { return usage_less_stream(r, key); });
    w.add_tenant("acme", std::nullopt);
    w.set_llm_config("acme", key,
                     R"({"base_url": ")" + compat.base_url() + R"(/v1"})");
    std::vector<json> events;
    auto report =
        w.caller->stream(w.chat_call("acme", "req-compat"), [&](const json& e) {
          events.push_back(e);
          return true;
        });
    REQUIRE(report.outcome.ok());
    const std::string text = "The engineer arrives between 9 and 11.";
    CHECK(streamed_text(events) == text);
    auto rows = w.usage("acme");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].success);
    CHECK(rows[0].output_tokens == static_cast<int64_t>((text.size() + 3) / 4));
    CHECK(rows[0].input_tokens == 100);
    CHECK(json::parse(rows[0].metadata_json)["usage_source"] == "counted");
    CHECK(w.openai.request_count() == 0);
  }
}

TEST_CASE("streams are for llm.chat only, and budgets apply to them") {
  GatewayWorld w(storage::Engine::kSqlite);
  w.add_tenant("acme", std::nullopt, true);
  w.add_tenant("thrifty", 10);
  auto ignore = [](const json&) { return true; };
  try {
    w.caller->stream(w.redact_call("acme", "hello"), ignore);
    FAIL("a pii.redact stream was accepted");
  } catch (const gateway::GatewayError& e) {
    CHECK(e.code == "invalid_request");
  }
  try {
    w.caller->stream(w.chat_call("thrifty", "req-s"), ignore);
    FAIL("a stream over budget was accepted");
  } catch (const gateway::GatewayError& e) {
    CHECK(e.code == "budget_exceeded");
  }
  CHECK(w.openai.request_count() == 0);
}
