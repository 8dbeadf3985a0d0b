// The fake refuses what the real API refuses, so a plugin that passes
// against it sends requests the real service would take. Raw requests go
// through the host's egress, bypassing the plugin.
#include "fakes/fake_openai.hpp"
#include "net/egress.hpp"
#include "openai_harness.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using json = nlohmann::json;

namespace {

struct Answer {
  int status = 0;
  json body;
};

Answer post(const fakes::FakeOpenAI& fake, const std::string& path,
            std::vector<net::Header> headers, std::string body) {
  net::UpstreamPolicy policy;
  policy.max_retries = 0;
  net::Egress egress(policy);
  net::Request req;
  req.method = "POST";
  req.url = fake.base_url() + path;
  req.headers = std::move(headers);
  req.body = std::move(body);
  Answer a;
  std::string raw;
  net::Sink sink;
  sink.on_head = [&](int status, const std::vector<net::Header>&) {
    a.status = status;
    return true;
  };
  sink.on_body = [&](std::string_view chunk) {
    raw.append(chunk);
    return true;
  };
  REQUIRE_FALSE(egress.send(req, sink, net::CallControl{}));
  a.body = json::parse(raw, nullptr, false);
  return a;
}

std::vector<net::Header> json_headers() {
  return {{"Authorization", std::string("Bearer ") + testing::kOpenAiKey},
          {"Content-Type", "application/json"}};
}

Answer chat(const fakes::FakeOpenAI& fake, const json& body) {
  return post(fake, "/chat/completions", json_headers(), body.dump());
}

json hello() { return json::array({{{"role", "user"}, {"content", "hi"}}}); }

// A multipart body built by hand, independent of the plugin's writer.
std::string form(const std::vector<std::pair<std::string, std::string>>& fields,
                 bool with_file = true) {
  std::string b;
  if (with_file)
    b += "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
         "filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFFdata\r\n";
  for (const auto& [k, v] : fields)
    b += "--XyZ\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" +
         v + "\r\n";
  return b + "--XyZ--\r\n";
}

Answer transcribe(const fakes::FakeOpenAI& fake, const std::string& body) {
  return post(fake, "/audio/transcriptions",
              {{"Authorization", std::string("Bearer ") + testing::kOpenAiKey},
               {"Content-Type", "multipart/form-data; boundary=XyZ"}},
              body);
}

void is_error(const Answer& a, int status, const json& code,
              const std::string& mentions) {
  CHECK(a.status == status);
  REQUIRE(a.body.contains("error"));
  const json& e = a.body["error"];
  // All four keys are always present.
  CHECK(e.contains("message"));
  CHECK(e.contains("type"));
  CHECK(e.contains("param"));
  CHECK(e.contains("code"));
  CHECK(e["code"] == code);
  CHECK_THAT(e["message"].get<std::string>(), Catch::Contains(mentions));
}

}  // namespace

TEST_CASE("fake: auth is checked first", "[openai][fake]") {
  fakes::FakeOpenAI fake(testing::kOpenAiKey);
  auto none =
      post(fake, "/chat/completions", {{"Content-Type", "application/json"}},
           json{{"model", "gpt-4o-mini"}, {"messages", hello()}}.dump());
  is_error(none, 401, nullptr, "You didn't provide an API key");
  auto wrong =
      post(fake, "/chat/completions",
           {{"Authorization", "Bearer sk-other-000000000"},
            {"Content-Type", "application/json"}},
           json{{"model", "gpt-4o-mini"}, {"messages", hello()}}.dump());
  is_error(wrong, 401, "invalid_api_key", "Incorrect API key provided");
  auto path = post(fake, "/chat/complete", json_headers(), "{}");
  is_error(path, 404, nullptr, "Invalid URL (POST /v1/chat/complete)");
}

TEST_CASE("fake: chat request rules", "[openai][fake]") {
  fakes::FakeOpenAI fake(testing::kOpenAiKey);
  CHECK(chat(fake, {{"model", "gpt-4o-mini"}, {"messages", hello()}}).status ==
        200);
  is_error(chat(fake, {{"messages", hello()}}), 400, nullptr,
           "you must provide a model parameter");
  is_error(chat(fake, {{"model", "gpt-4o-mini"}}), 400,
           "missing_required_parameter", "'messages'");
  is_error(chat(fake, {{"model", "gpt-4o-mini"}, {"messages", json::array()}}),
           400, "empty_array", "empty array");
  is_error(chat(fake, {{"model", "gpt-4o-mini"},
                       {"messages", {{{"role", "bot"}, {"content", "x"}}}}}),
           400, "invalid_value", "'bot'");
  is_error(
      chat(fake, {{"model", "o1"}, {"messages", hello()}, {"max_tokens", 5}}),
      400, "unsupported_parameter", "max_completion_tokens");
  is_error(chat(fake, {{"model", "gpt-4o-mini"},
                       {"messages", hello()},
                       {"stream_options", {{"include_usage", true}}}}),
           400, "invalid_value", "only allowed when 'stream' is enabled");
  is_error(
      chat(fake, {{"model", "gpt-4o-mini"}, {"messages", hello()}, {"foo", 1}}),
      400, nullptr, "Unrecognized request argument supplied: foo");
  is_error(chat(fake, {{"model", "gpt-4o-mini"},
                       {"messages", hello()},
                       {"max_completion_tokens", "9"}}),
           400, "invalid_type", "max_completion_tokens");
  auto text =
      post(fake, "/chat/completions",
           {{"Authorization", std::string("Bearer ") + testing::kOpenAiKey},
            {"Content-Type", "text/plain"}},
           "hello");
  is_error(text, 400, nullptr, "could not parse the JSON body");
}

TEST_CASE("fake: transcription request rules", "[openai][fake]") {
  fakes::FakeOpenAI fake(testing::kOpenAiKey);
  CHECK(transcribe(fake, form({{"model", "whisper-1"}})).status == 200);
  is_error(transcribe(fake, form({{"model", "whisper-1"}}, false)), 400,
           "missing_required_parameter", "'file'");
  is_error(transcribe(fake, form({})), 400, "missing_required_parameter",
           "'model'");
  is_error(transcribe(fake, form({{"model", "gpt-4o-transcribe"},
                                  {"response_format", "verbose_json"}})),
           400, "unsupported_value", "not compatible with model");
  is_error(transcribe(fake, form({{"model", "whisper-1"},
                                  {"timestamp_granularities[]", "word"}})),
           400, "invalid_value", "verbose_json");
  is_error(transcribe(fake, form({{"model", "whisper-1"}, {"speed", "2"}})),
           400, nullptr, "Unrecognized request argument supplied: speed");
  is_error(
      transcribe(fake, form({{"model", "whisper-1"}, {"language", "eng"}})),
      400, "invalid_language_format", "ISO-639-1");
  auto not_form = post(fake, "/audio/transcriptions", json_headers(), "{}");
  is_error(not_form, 400, nullptr, "expected multipart/form-data");
  auto broken = transcribe(fake,
                           "--XyZ\r\nContent-Disposition: form-data; "
                           "name=\"model\"\r\n\r\nwhisper-1");
  is_error(broken, 400, nullptr, "Could not parse multipart form");
}
