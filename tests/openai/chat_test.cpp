// llm.chat through the real plugin: request shape on the wire, and the
// mapping of plain, structured, refused and truncated answers.
#include "openai_harness.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using testing::OpenAiHarness;
using testing::user_says;
using json = nlohmann::json;

namespace {

json ticket_schema_format() {
  return {{"type", "json_schema"},
          {"json_schema",
           {{"name", "call_ticket"},
            {"strict", true},
            {"schema",
             {{"type", "object"},
              {"additionalProperties", false},
              {"properties",
               {{"topic", {{"type", "string"}}},
                {"urgency", {{"type", "string"}, {"enum", {"low", "high"}}}},
                {"minutes", {{"type", "number"}}}}},
              {"required", {"topic", "urgency", "minutes"}}}}}}};
}

}  // namespace

TEST_CASE("chat sends the real request shape and maps the answer",
          "[openai][chat]") {
  OpenAiHarness h(0,
                  {{"organization", "org-acme01"}, {"project", "proj_calls"}});
  json params = user_says("Book me a call on Tuesday.");
  params["messages"].insert(params["messages"].begin(),
                            json{{"role", "system"}, {"content", "Be brief."}});
  params["max_output_tokens"] = 64;
  params["temperature"] = 0.2;
  params["stop"] = {"END"};
  params["seed"] = 7;
  params["some_future_param"] = "ignored";

  auto out = h.chat(params);
  INFO(out.message);
  REQUIRE(out.ok());
  CHECK(out.result["content"] == "Your call is booked for Tuesday.");
  CHECK(out.result["parsed"].is_null());
  CHECK(out.result["refusal"].is_null());
  CHECK(out.result["finish_reason"] == "stop");
  CHECK(out.result["truncated"] == false);
  CHECK(out.result["provider"] == "openai");
  CHECK(out.result["model"] == "gpt-4o-mini-2025-04-14");
  CHECK(out.result["response_id"].get<std::string>().rfind("chatcmpl-", 0) ==
        0);
  CHECK(out.result["usage"]["input_tokens"] == 31);
  CHECK(out.result["usage"]["output_tokens"] == 9);

  REQUIRE(h.fake.request_count() == 1);
  auto req = h.fake.requests().front();
  CHECK(req.method == "POST");
  CHECK(req.path == "/v1/chat/completions");
  CHECK(req.header("Authorization") ==
        "Bearer " + std::string(testing::kOpenAiKey));
  CHECK(req.header("Content-Type") == "application/json");
  CHECK(req.header("OpenAI-Organization") == "org-acme01");
  CHECK(req.header("OpenAI-Project") == "proj_calls");
  json body = json::parse(req.body);
  CHECK(body["model"] == "gpt-4o-mini");
  CHECK(body["messages"].size() == 2);
  CHECK(body["messages"][0] ==
        json({{"role", "system"}, {"content", "Be brief."}}));
  CHECK(body["max_completion_tokens"] == 64);
  CHECK_FALSE(body.contains("max_tokens"));
  CHECK(body["temperature"] == 0.2);
  CHECK(body["stop"] == json({"END"}));
  CHECK(body["seed"] == 7);
  CHECK_FALSE(body.contains("stream"));
  CHECK_FALSE(body.contains("stream_options"));
  CHECK_FALSE(body.contains("some_future_param"));
}

TEST_CASE("chat without organization sends no OpenAI-Organization header",
          "[openai][chat]") {
  OpenAiHarness h;
  REQUIRE(h.chat(user_says("hi")).ok());
  auto req = h.fake.requests().front();
  CHECK_FALSE(req.header("OpenAI-Organization"));
  CHECK_FALSE(req.header("OpenAI-Project"));
}

TEST_CASE("a reasoning model gets max_completion_tokens, never max_tokens",
          "[openai][chat]") {
  OpenAiHarness h;
  json params = user_says("Summarise the call.");
  params["model"] = "o3-mini";
  params["max_output_tokens"] = 500;
  auto out = h.chat(params);
  // The fake answers 400 unsupported_parameter to max_tokens here.
  REQUIRE(out.ok());
  CHECK(h.last_body()["max_completion_tokens"] == 500);
  CHECK(h.last_body()["model"] == "o3-mini");
}

TEST_CASE("the instance's model replaces the default", "[openai][chat]") {
  OpenAiHarness h(0, {{"model", "gpt-4.1-mini"}});
  REQUIRE(h.chat(user_says("hi")).ok());
  CHECK(h.last_body()["model"] == "gpt-4.1-mini");
}

TEST_CASE("structured output arrives as a string and is parsed",
          "[openai][chat]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = R"({"topic":"billing","urgency":"high","minutes":4.5})";
  reply.prompt_tokens = 120;
  reply.completion_tokens = 18;
  reply.cached_tokens = 64;
  reply.reasoning_tokens = 3;
  h.fake.set_chat_reply(reply);
  json params = user_says("Classify this call.");
  params["response_format"] = ticket_schema_format();

  auto out = h.chat(params);
  REQUIRE(out.ok());
  CHECK(out.result["content"] == *reply.content);
  CHECK(out.result["parsed"] ==
        json({{"topic", "billing"}, {"urgency", "high"}, {"minutes", 4.5}}));
  CHECK(out.result["usage"]["input_tokens"] == 120);
  CHECK(out.result["usage"]["output_tokens"] == 18);
  CHECK(out.result["usage"]["cached_tokens"] == 64);
  CHECK(out.result["usage"]["reasoning_tokens"] == 3);
  // response_format went to the wire unchanged.
  CHECK(h.last_body()["response_format"] == ticket_schema_format());
}

TEST_CASE("json_object answers are parsed too", "[openai][chat]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = R"({"sentiment":"positive"})";
  h.fake.set_chat_reply(reply);
  json params = user_says("Answer in json: how did the caller feel?");
  params["response_format"] = {{"type", "json_object"}};
  auto out = h.chat(params);
  REQUIRE(out.ok());
  CHECK(out.result["parsed"]["sentiment"] == "positive");
}

TEST_CASE("a refusal sets refusal, with null content and parsed",
          "[openai][chat]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = std::nullopt;
  reply.refusal = "I can't help with that request.";
  h.fake.set_chat_reply(reply);
  json params = user_says("Classify this call.");
  params["response_format"] = ticket_schema_format();
  auto out = h.chat(params);
  REQUIRE(out.ok());
  CHECK(out.result["content"].is_null());
  CHECK(out.result["refusal"] == "I can't help with that request.");
  CHECK(out.result["parsed"].is_null());
  CHECK(out.result["finish_reason"] == "stop");
}

TEST_CASE("finish_reason length is truncated and partial JSON is not parsed",
          "[openai][chat]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = R"({"topic":"billing","urg)";
  reply.finish_reason = "length";
  h.fake.set_chat_reply(reply);
  json params = user_says("Classify this call.");
  params["response_format"] = ticket_schema_format();
  params["max_output_tokens"] = 8;
  auto out = h.chat(params);
  REQUIRE(out.ok());
  CHECK(out.result["truncated"] == true);
  CHECK(out.result["finish_reason"] == "length");
  CHECK(out.result["parsed"].is_null());
  CHECK(out.result["content"] == *reply.content);
}

TEST_CASE("usage without detail objects still maps", "[openai][chat]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.cached_tokens.reset();
  reply.reasoning_tokens.reset();
  h.fake.set_chat_reply(reply);
  auto out = h.chat(user_says("hi"));
  REQUIRE(out.ok());
  CHECK(out.result["usage"]["input_tokens"] == 31);
  CHECK(out.result["usage"]["cached_tokens"] == 0);
  CHECK(out.result["usage"]["reasoning_tokens"] == 0);
}

TEST_CASE(
    "a structured answer that claims completion but is not JSON is a "
    "protocol error",
    "[openai][chat]") {
  OpenAiHarness h;
  fakes::ChatReply reply;
  reply.content = "topic: billing";
  h.fake.set_chat_reply(reply);
  json params = user_says("Classify this call.");
  params["response_format"] = ticket_schema_format();
  auto out = h.chat(params);
  CHECK(out.status == AIHOST_UPSTREAM_PROTOCOL);
}

TEST_CASE("bad chat params are refused before anything is sent",
          "[openai][chat]") {
  OpenAiHarness h;
  struct Case {
    json params;
    std::string mentions;
  };
  std::vector<Case> cases = {
      {json::object(), "messages is required"},
      {{{"messages", json::array()}}, "non-empty"},
      {{{"messages", "hello"}}, "non-empty"},
      {{{"messages", {{{"role", "robot"}, {"content", "x"}}}}},
       "messages[0].role"},
      {{{"messages", {{{"role", "user"}}}}}, "messages[0].content"},
      {{{"messages", {{{"role", "user"}, {"content", 5}}}}},
       "messages[0].content"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}}, {"model", 4}},
       "model"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}},
        {"max_output_tokens", "9"}},
       "max_output_tokens"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}},
        {"max_output_tokens", 0}},
       "max_output_tokens"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}},
        {"temperature", 3}},
       "temperature"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}}, {"stop", {1, 2}}},
       "stop"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}},
        {"response_format", {{"type", "yaml"}}}},
       "response_format.type"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}},
        {"response_format",
         {{"type", "json_schema"},
          {"json_schema", {{"name", "a b"}, {"schema", json::object()}}}}}},
       "json_schema.name"},
      {{{"messages", {{{"role", "user"}, {"content", "x"}}}},
        {"response_format",
         {{"type", "json_schema"}, {"json_schema", {{"name", "ok"}}}}}},
       "json_schema.schema"},
  };
  for (const auto& c : cases) {
    INFO(c.params.dump());
    auto out = h.chat(c.params);
    CHECK(out.status == AIHOST_INVALID_ARGUMENT);
    CHECK_THAT(out.message, Catch::Contains(c.mentions));
  }
  CHECK(h.fake.request_count() == 0);
}

TEST_CASE("a missing key is refused without a request", "[openai][chat]") {
  OpenAiHarness h;
  auto out = h.chat(user_says("hi"), "");
  CHECK(out.status == AIHOST_UNAUTHENTICATED);
  CHECK(h.fake.request_count() == 0);
  auto bad = h.chat(user_says("hi"), "sk-abc\r\nX-Evil: 1");
  CHECK(bad.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(bad.message, !Catch::Contains("sk-abc"));
}

TEST_CASE("bad instance configs are refused naming the field",
          "[openai][config]") {
  fakes::FakeOpenAI fake(testing::kOpenAiKey);
  auto lib =
      plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/aihost-openai.so");
  CHECK_THROWS_WITH(
      plugins::ProviderInstance(lib, {{"base_url", "ftp://x"}}, nullptr),
      Catch::Contains("config.base_url"));
  CHECK_THROWS_WITH(
      plugins::ProviderInstance(
          lib, {{"base_url", fake.base_url()}, {"model", 3}}, nullptr),
      Catch::Contains("config.model"));
  CHECK_THROWS_WITH(
      plugins::ProviderInstance(
          lib, {{"base_url", fake.base_url()}, {"timeout_ms", -5}}, nullptr),
      Catch::Contains("config.timeout_ms"));
  CHECK_THROWS_WITH(
      plugins::ProviderInstance(
          lib, {{"base_url", fake.base_url()}, {"models", {{"llm.chat", 1}}}},
          nullptr),
      Catch::Contains("config.models.llm.chat"));
  CHECK_THROWS_WITH(
      plugins::ProviderInstance(
          lib, {{"base_url", fake.base_url()}, {"organization", "org\r\nX: y"}},
          nullptr),
      Catch::Contains("config.organization"));
  // A trailing slash is tolerated.
  plugins::ProviderInstance ok(lib, {{"base_url", fake.base_url() + "/"}},
                               nullptr);
  plugins::Invocation call;
  call.operation = "llm.chat";
  call.params = user_says("hi");
  call.api_key = testing::kOpenAiKey;
  CHECK(ok.invoke(call).ok());
  CHECK(fake.requests().back().path == "/v1/chat/completions");
}
