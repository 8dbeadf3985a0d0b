// The OpenAI-compatible endpoints as the official SDKs use them (same
// paths, bodies and SSE framing), with governance applied: usage logged
// and settled, budgets enforced, upstream errors passed on with codes.
#include "e2e_stack.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <catch2/catch.hpp>

#include <thread>

using namespace aihost::testing;
using nlohmann::json;

namespace {

json chat_body(bool stream = false) {
  json body = {{"model", "gpt-4o-mini"},
               {"messages",
                {{{"role", "system"}, {"content", "Be brief."}},
                 {{"role", "user"}, {"content", "When is my delivery?"}}}}};
  if (stream) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  return body;
}

// Usage rows reach the store through a background writer: poll briefly.
json wait_for_usage(const Stack& stack, const std::string& key, int calls) {
  json usage;
  for (int i = 0; i < 100; ++i) {
    usage = stack.get("/v1/usage", key).json;
    if (usage["total"]["calls"].get<int>() >= calls) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return usage;
}

}  // namespace

TEST_CASE("chat completions: plain and structured, usage logged",
          "[e2e][openai]") {
  Stack stack;
  const std::string key = stack.create_tenant("acme");

  auto r = stack.post_json("/v1/chat/completions", chat_body(), key);
  INFO(r.text);
  REQUIRE(r.status == 200);
  CHECK(r.json["object"] == "chat.completion");
  CHECK(r.json["choices"][0]["message"]["role"] == "assistant");
  CHECK(r.json["choices"][0]["message"]["content"] ==
        "Your call is booked for Tuesday.");
  CHECK(r.json["choices"][0]["finish_reason"] == "stop");
  CHECK(r.json["usage"]["prompt_tokens"] == 31);
  CHECK(r.json["usage"]["completion_tokens"] == 9);
  CHECK(r.json["usage"]["total_tokens"] == 40);
  CHECK_FALSE(r.header("x-aihost-overhead-ms").empty());

  // The upstream saw the service key, never the tenant's key.
  auto seen = stack.openai.requests().back();
  CHECK(seen.header("authorization") == "Bearer " + std::string(kOpenAiKey));

  json structured = chat_body();
  structured["response_format"] = {
      {"type", "json_schema"},
      {"json_schema",
       {{"name", "call_summary"},
        {"strict", true},
        {"schema",
         {{"type", "object"},
          {"properties", {{"overview", {{"type", "string"}}}}},
          {"required", {"overview"}},
          {"additionalProperties", false}}}}}};
  auto s = stack.post_json("/v1/chat/completions", structured, key);
  INFO(s.text);
  REQUIRE(s.status == 200);
  auto parsed = json::parse(
      s.json["choices"][0]["message"]["content"].get<std::string>());
  CHECK(parsed.contains("overview"));

  auto usage = wait_for_usage(stack, key, 2);
  CHECK(usage["total"]["calls"] == 2);
  CHECK(usage["total"]["input_tokens"].get<int>() == 31 + 420);
}

TEST_CASE("chat completions stream as SSE and settle usage", "[e2e][openai]") {
  Stack stack;
  const std::string key = stack.create_tenant("acme");

  auto r = stack.post_json("/v1/chat/completions", chat_body(true), key);
  INFO(r.text);
  REQUIRE(r.status == 200);
  CHECK(r.header("Content-Type").rfind("text/event-stream", 0) == 0);
  std::vector<json> chunks;
  bool done = false;
  std::string content;
  size_t pos = 0;
  while ((pos = r.text.find("data: ", pos)) != std::string::npos) {
    auto end = r.text.find("\n\n", pos);
    REQUIRE(end != std::string::npos);
    std::string data = r.text.substr(pos + 6, end - pos - 6);
    pos = end + 2;
    if (data == "[DONE]") {
      done = true;
      continue;
    }
    chunks.push_back(json::parse(data));
    const auto& c = chunks.back();
    CHECK(c["object"] == "chat.completion.chunk");
    if (!c["choices"].empty() && c["choices"][0]["delta"].contains("content"))
      content += c["choices"][0]["delta"]["content"].get<std::string>();
  }
  CHECK(done);
  CHECK(content == "Your call is booked for Tuesday.");
  REQUIRE(chunks.size() >= 3);
  CHECK(chunks.front()["choices"][0]["delta"]["role"] == "assistant");
  const json& usage_chunk = chunks.back();
  CHECK(usage_chunk["choices"].empty());
  CHECK(usage_chunk["usage"]["completion_tokens"] == 9);

  auto usage = wait_for_usage(stack, key, 1);
  CHECK(usage["total"]["calls"] == 1);
  CHECK(usage["total"]["output_tokens"] == 9);
}

TEST_CASE("upstream failures and budgets come back as stable codes",
          "[e2e][openai]") {
  Stack stack;
  const std::string key = stack.create_tenant("acme");

  stack.openai.fail_next(aihost::fakes::OpenAiFault::insufficient_quota, 1);
  auto quota = stack.post_json("/v1/chat/completions", chat_body(), key);
  CHECK(quota.status == 402);
  CHECK(quota.code() == "upstream_quota_exceeded");

  // A cut stream is an error the client can see, never a clean [DONE].
  stack.openai.fail_next(aihost::fakes::OpenAiFault::stream_cut, 1);
  auto cut = stack.post_json("/v1/chat/completions", chat_body(true), key);
  INFO(cut.text);
  CHECK(cut.text.find("data: [DONE]") == std::string::npos);
  CHECK(cut.text.find("\"error\"") != std::string::npos);

  // A budget too small for one call refuses it before any upstream request.
  REQUIRE(stack
              .admin("PUT", "/admin/v1/tenants/acme/features",
                     {{"monthly_budget_usd", "0.000001"}})
              .status == 200);
  const size_t before = stack.openai.request_count();
  auto broke = stack.post_json("/v1/chat/completions", chat_body(), key);
  INFO(broke.text);
  CHECK(broke.status == 402);
  CHECK(broke.code() == "budget_exceeded");
  CHECK(stack.openai.request_count() == before);
}

TEST_CASE("audio transcriptions take multipart and answer every format",
          "[e2e][openai]") {
  Stack stack;
  const std::string key = stack.create_tenant("acme");
  const std::string boundary = "e2e-boundary-7d1";
  auto form = [&](const std::string& format) {
    std::string b;
    auto field = [&](const std::string& name, const std::string& value) {
      b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" +
           name + "\"\r\n\r\n" + value + "\r\n";
    };
    field("model", "whisper-1");
    field("response_format", format);
    b += "--" + boundary +
         "\r\nContent-Disposition: form-data; name=\"file\"; "
         "filename=\"call.wav\"\r\nContent-Type: audio/wav\r\n\r\n" +
         PipelineHarness::call_wav(2.0) + "\r\n--" + boundary + "--\r\n";
    return b;
  };
  const std::string type = "multipart/form-data; boundary=" + boundary;
  Request request{"POST", "/v1/audio/transcriptions", form("json"), type, key,
                  {}};
  request.headers["x-aihost-provider"] = "openai";
  auto json_reply = stack.call(request);
  INFO(json_reply.text);
  REQUIRE(json_reply.status == 200);
  CHECK(json_reply.json["text"] ==
        "Thanks for calling the support line. How can I help you today?");

  request.body = form("srt");
  auto srt = stack.call(request);
  REQUIRE(srt.status == 200);
  CHECK(srt.text.rfind("1\n00:00:00,000 --> 00:00:03,200\n", 0) == 0);

  request.body = form("verbose_json");
  auto verbose = stack.call(request);
  REQUIRE(verbose.status == 200);
  CHECK(verbose.json["segments"].size() == 2);

  auto models = stack.get("/v1/models", key);
  REQUIRE(models.status == 200);
  bool has_whisper = false;
  for (const auto& m : models.json["data"])
    has_whisper |= m["id"] == "whisper-1";
  CHECK(has_whisper);
}
