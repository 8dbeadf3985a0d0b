// Streamed chat: SSE parsing across network chunks, delta events, final
// usage, and the ways a stream fails.
#include "openai_harness.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using testing::OpenAiHarness;
using testing::user_says;
using json = nlohmann::json;

namespace {

struct Recorder {
  std::vector<json> events;
  std::function<bool(const json&)> fn() {
    return [this](const json& e) {
      events.push_back(e);
      return true;
    };
  }
  std::string joined(const char* field) const {
    std::string out;
    for (const auto& e : events)
      if (e.contains(field)) out += e[field].get<std::string>();
    return out;
  }
};

}  // namespace

TEST_CASE("a stream emits deltas in order and ends with usage",
          "[openai][stream]") {
  OpenAiHarness h;
  REQUIRE(h.instance->streams());
  fakes::ChatReply reply;
  reply.content = "The caller wants a refund for March.";
  reply.prompt_tokens = 40;
  reply.completion_tokens = 11;
  reply.cached_tokens = 8;
  h.fake.set_chat_reply(reply);
  // Network chunks of 7 bytes split lines, the "data:" prefix and CRLFs.
  h.fake.set_stream_chunk_bytes(7);

  Recorder rec;
  auto out = h.stream(user_says("What does the caller want?"), rec.fn());
  REQUIRE(out.ok());
  REQUIRE(rec.events.size() == 9);  // 8 content pieces + the finish
  for (const auto& e : rec.events) CHECK(e["type"] == "delta");
  CHECK(rec.events.front()["content"] == "The c");
  CHECK(rec.joined("content") == *reply.content);
  CHECK(rec.events.back() ==
        json({{"type", "delta"}, {"finish_reason", "stop"}}));

  CHECK(out.result["content"] == *reply.content);
  CHECK(out.result["finish_reason"] == "stop");
  CHECK(out.result["usage"]["input_tokens"] == 40);
  CHECK(out.result["usage"]["output_tokens"] == 11);
  CHECK(out.result["usage"]["cached_tokens"] == 8);
  CHECK(out.result["model"] == "gpt-4o-mini-2025-04-14");
  CHECK(out.result["response_id"].get<std::string>().rfind("chatcmpl-", 0) ==
        0);

  json body = h.last_body();
  CHECK(body["stream"] == true);
  CHECK(body["stream_options"] == json({{"include_usage", true}}));
  auto req = h.fake.requests().back();
  CHECK(req.header("Accept") == "text/event-stream");
}

TEST_CASE("a streamed structured answer is parsed at the end",
          "[openai][stream]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = R"({"summary":"refund","score":0.75})";
  h.fake.set_chat_reply(reply);
  json params = user_says("Summarise as json.");
  params["response_format"] = {{"type", "json_object"}};
  Recorder rec;
  auto out = h.stream(params, rec.fn());
  REQUIRE(out.ok());
  CHECK(out.result["parsed"] == json({{"summary", "refund"}, {"score", 0.75}}));
}

TEST_CASE("a streamed refusal arrives as refusal deltas", "[openai][stream]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = std::nullopt;
  reply.refusal = "I can't assist with that.";
  h.fake.set_chat_reply(reply);
  json params = user_says("Classify.");
  params["response_format"] =
      json::parse(R"({"type":"json_schema","json_schema":{
      "name":"label","schema":{"type":"object","properties":{"x":{"type":"string"}}}}})");
  Recorder rec;
  auto out = h.stream(params, rec.fn());
  REQUIRE(out.ok());
  CHECK(rec.joined("refusal") == "I can't assist with that.");
  CHECK(rec.joined("content").empty());
  CHECK(out.result["refusal"] == "I can't assist with that.");
  CHECK(out.result["content"].is_null());
  CHECK(out.result["parsed"].is_null());
}

TEST_CASE("a streamed length stop is truncated, partial JSON unparsed",
          "[openai][stream]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = R"({"summary":"the cust)";
  reply.finish_reason = "length";
  h.fake.set_chat_reply(reply);
  json params = user_says("Summarise as json.");
  params["response_format"] = {{"type", "json_object"}};
  params["max_output_tokens"] = 6;
  Recorder rec;
  auto out = h.stream(params, rec.fn());
  REQUIRE(out.ok());
  CHECK(out.result["truncated"] == true);
  CHECK(out.result["parsed"].is_null());
  CHECK(rec.events.back()["finish_reason"] == "length");
}

TEST_CASE("a stream cut before [DONE] is UNAVAILABLE, never success",
          "[openai][stream]") {
  OpenAiHarness h;
  h.fake.fail_next(fakes::OpenAiFault::stream_cut);
  Recorder rec;
  auto out = h.stream(user_says("Tell me a story."), rec.fn());
  CHECK(out.status == AIHOST_UNAVAILABLE);
  CHECK_THAT(out.message, Catch::Contains("cut before [DONE]"));
  CHECK_THAT(out.message, Catch::Contains("no usage received"));
  CHECK_THAT(out.message, !Catch::Contains(testing::kOpenAiKey));
  // What did arrive was passed on before the cut.
  CHECK(rec.events.size() == 2);
}

TEST_CASE("an error object inside the stream is a mapped failure",
          "[openai][stream]") {
  OpenAiHarness h;
  h.fake.fail_next(fakes::OpenAiFault::stream_error);
  Recorder rec;
  auto out = h.stream(user_says("Tell me a story."), rec.fn());
  CHECK(out.status == AIHOST_UNAVAILABLE);
  CHECK(out.provider_code == "server_error");
  CHECK_THAT(out.message, Catch::Contains("The server had an error"));
  CHECK(rec.events.size() == 1);
}

TEST_CASE("a consumer that goes away stops the stream: CANCELLED",
          "[openai][stream]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = std::string(200, 'a');
  h.fake.set_chat_reply(reply);
  int seen = 0;
  auto out = h.stream(user_says("Long answer please."),
                      [&](const json&) { return ++seen < 3; });
  CHECK(out.status == AIHOST_CANCELLED);
  CHECK(seen == 3);
}

TEST_CASE("an HTTP error before the stream starts is mapped as usual",
          "[openai][stream]") {
  OpenAiHarness h;
  h.fake.fail_next(fakes::OpenAiFault::rate_limit_retry_after);
  Recorder rec;
  auto out = h.stream(user_says("hi"), rec.fn());
  CHECK(out.status == AIHOST_RATE_LIMITED);
  CHECK(out.http_status == 429);
  CHECK(out.retry_after_ms == 1000);
  CHECK(out.provider_code == "rate_limit_exceeded");
  CHECK(rec.events.empty());
}

TEST_CASE("stream params are validated like chat", "[openai][stream]") {
  OpenAiHarness h;
  Recorder rec;
  auto out = h.stream({{"messages", json::array()}}, rec.fn());
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK(h.fake.request_count() == 0);
}
