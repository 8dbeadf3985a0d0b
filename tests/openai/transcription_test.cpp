// audio.transcribe through the real plugin: the multipart request on the
// wire and the mapping of verbose_json and json answers.
#include "openai_harness.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace aihost;
using testing::fake_wav;
using testing::OpenAiHarness;
using json = nlohmann::json;

namespace {

std::multimap<std::string, fakes::FormPart> parts_of(
    const fakes::FakeRequest& r) {
  std::multimap<std::string, fakes::FormPart> out;
  for (auto& p : fakes::FakeOpenAI::form(r)) out.emplace(p.name, p);
  return out;
}

std::vector<std::string> values(
    const std::multimap<std::string, fakes::FormPart>& m,
    const std::string& name) {
  std::vector<std::string> out;
  auto [b, e] = m.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second.data);
  return out;
}

}  // namespace

TEST_CASE("whisper-1 gets verbose_json with both granularities",
          "[openai][audio]") {
  OpenAiHarness h;
  std::string audio = fake_wav();
  auto out = h.transcribe({{"language", "en"},
                           {"prompt", "Acme, refund"},
                           {"temperature", 0.2},
                           {"filename", "call-17.wav"}},
                          audio);
  REQUIRE(out.ok());

  auto req = h.fake.requests().back();
  CHECK(req.path == "/v1/audio/transcriptions");
  CHECK(req.header("Authorization") ==
        "Bearer " + std::string(testing::kOpenAiKey));
  CHECK(
      req.header("Content-Type")->rfind("multipart/form-data; boundary=", 0) ==
      0);
  auto parts = parts_of(req);
  REQUIRE(parts.count("file") == 1);
  const auto& file = parts.find("file")->second;
  CHECK(file.filename == "call-17.wav");
  CHECK(file.content_type == "audio/wav");
  CHECK(file.data == audio);
  CHECK(values(parts, "model") == std::vector<std::string>{"whisper-1"});
  CHECK(values(parts, "language") == std::vector<std::string>{"en"});
  CHECK(values(parts, "prompt") == std::vector<std::string>{"Acme, refund"});
  CHECK(values(parts, "response_format") ==
        std::vector<std::string>{"verbose_json"});
  CHECK(values(parts, "timestamp_granularities[]") ==
        std::vector<std::string>{"word", "segment"});
  CHECK(values(parts, "temperature") == std::vector<std::string>{"0.2"});

  const json& r = out.result;
  CHECK(r["provider"] == "openai");
  CHECK(r["model"] == "whisper-1");
  CHECK(r["text"] ==
        "Thanks for calling the support line. How can I help you today?");
  CHECK(r["language"] == "en");
  CHECK(r["duration"] == Approx(7.38));
  REQUIRE(r["segments"].size() == 2);
  CHECK(r["segments"][0]["text"] == "Thanks for calling the support line.");
  CHECK(r["segments"][1]["text"] == "How can I help you today?");
  CHECK(r["segments"][1]["start"] == Approx(3.2));
  CHECK(r["segments"][1]["end"] == Approx(7.38));
  REQUIRE(r["words"].size() == 12);
  CHECK(r["words"][0]["word"] == "Thanks");
  CHECK(r["words"][5]["word"] == "line");
  CHECK(r["segments"][0]["words"].size() == 6);
  CHECK(r["segments"][1]["words"].size() == 6);
  CHECK(r["segments"][1]["words"][0]["word"] == "How");
  // Billed seconds: the duration rounded up, as OpenAI reports it.
  CHECK(r["usage"]["audio_seconds"] == Approx(8.0));
}

TEST_CASE("whisper-1 language names become ISO-639-1 codes",
          "[openai][audio]") {
  OpenAiHarness h;
  fakes::TranscriptReply t;
  t.language = "german";
  t.segments = {{0.0, 1.5, "Guten Tag."}};
  t.duration = 1.5;
  h.fake.set_transcript(t);
  auto out = h.transcribe({{"language", "auto"}}, fake_wav());
  REQUIRE(out.ok());
  CHECK(out.result["language"] == "de");
  // "auto" asks for detection: no language part.
  CHECK(parts_of(h.fake.requests().back()).count("language") == 0);

  t.language = "klingon";
  h.fake.set_transcript(t);
  auto unknown = h.transcribe(json::object(), fake_wav());
  REQUIRE(unknown.ok());
  CHECK(unknown.result["language"] == "klingon");
}

TEST_CASE("timestamps selects the granularities sent", "[openai][audio]") {
  OpenAiHarness h;
  auto words = h.transcribe({{"timestamps", "word"}}, fake_wav());
  REQUIRE(words.ok());
  auto parts = parts_of(h.fake.requests().back());
  CHECK(values(parts, "timestamp_granularities[]") ==
        std::vector<std::string>{"word"});
  // No segments came back: one segment spans the text, holding the words.
  REQUIRE(words.result["segments"].size() == 1);
  CHECK(words.result["segments"][0]["end"] == Approx(7.38));
  CHECK(words.result["segments"][0]["words"].size() == 12);

  auto segments = h.transcribe({{"timestamps", "segment"}}, fake_wav());
  REQUIRE(segments.ok());
  parts = parts_of(h.fake.requests().back());
  CHECK(values(parts, "timestamp_granularities[]") ==
        std::vector<std::string>{"segment"});
  CHECK(segments.result["segments"].size() == 2);
  CHECK(segments.result["words"].empty());
}

TEST_CASE("gpt-4o-transcribe gets json and token usage", "[openai][audio]") {
  OpenAiHarness h;
  auto out =
      h.transcribe({{"model", "gpt-4o-transcribe"}, {"language", "en-US"}},
                   fake_wav(), "audio/mpeg");
  REQUIRE(out.ok());
  auto parts = parts_of(h.fake.requests().back());
  CHECK(values(parts, "response_format") == std::vector<std::string>{"json"});
  CHECK(parts.count("timestamp_granularities[]") == 0);
  CHECK(values(parts, "language") == std::vector<std::string>{"en"});
  // The default filename follows the MIME type: OpenAI decodes by extension.
  CHECK(parts.find("file")->second.filename == "audio.mp3");
  CHECK(parts.find("file")->second.content_type == "audio/mpeg");

  const json& r = out.result;
  CHECK(r["model"] == "gpt-4o-transcribe");
  CHECK(r["language"] == "en");
  CHECK(r["usage"]["input_tokens"] == 73);
  CHECK(r["usage"]["audio_input_tokens"] == 73);
  CHECK(r["usage"]["output_tokens"] == 15);
  CHECK(r["words"].empty());
  REQUIRE(r["segments"].size() == 1);
  CHECK(r["segments"][0]["start"] == 0);
  CHECK(r["segments"][0]["end"] == 0);  // json gives no duration
  CHECK(r["segments"][0]["text"] == r["text"]);
}

TEST_CASE("the instance model applies to transcription", "[openai][audio]") {
  OpenAiHarness h(0, {{"model", "gpt-4o-mini-transcribe"}});
  REQUIRE(h.transcribe(json::object(), fake_wav()).ok());
  auto parts = parts_of(h.fake.requests().back());
  CHECK(values(parts, "model") ==
        std::vector<std::string>{"gpt-4o-mini-transcribe"});
  CHECK(values(parts, "response_format") == std::vector<std::string>{"json"});
}

TEST_CASE("per-operation models let one instance serve both operations",
          "[openai][audio]") {
  OpenAiHarness h(
      0, {{"model", "gpt-4.1-mini"},
          {"models", {{"audio.transcribe", "gpt-4o-mini-transcribe"}}}});
  REQUIRE(h.transcribe(json::object(), fake_wav()).ok());
  auto parts = parts_of(h.fake.requests().back());
  CHECK(values(parts, "model") ==
        std::vector<std::string>{"gpt-4o-mini-transcribe"});
  REQUIRE(h.chat(testing::user_says("hi")).ok());
  CHECK(h.last_body()["model"] == "gpt-4.1-mini");
}

TEST_CASE("audio over 25 MiB is refused before sending", "[openai][audio]") {
  OpenAiHarness h;
  auto out = h.transcribe(json::object(), fake_wav((25u << 20) + 1));
  CHECK(out.status == AIHOST_PAYLOAD_TOO_LARGE);
  CHECK(h.fake.request_count() == 0);
}

TEST_CASE("bad transcription input gets a clear error", "[openai][audio]") {
  OpenAiHarness h;
  CHECK(h.transcribe(json::object(), "").status == AIHOST_INVALID_ARGUMENT);
  auto lang = h.transcribe({{"language", "english"}}, fake_wav());
  CHECK(lang.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(lang.message, Catch::Contains("ISO-639-1"));
  CHECK(h.transcribe({{"timestamps", "char"}}, fake_wav()).status ==
        AIHOST_INVALID_ARGUMENT);
  CHECK(h.transcribe({{"temperature", 1.5}}, fake_wav()).status ==
        AIHOST_INVALID_ARGUMENT);
  CHECK(h.transcribe({{"prompt", 3}}, fake_wav()).status ==
        AIHOST_INVALID_ARGUMENT);
  CHECK(h.transcribe({{"multichannel", true}}, fake_wav()).status ==
        AIHOST_UNSUPPORTED);
  CHECK(h.fake.request_count() == 0);
}

TEST_CASE("a hostile filename cannot break the multipart headers",
          "[openai][audio]") {
  OpenAiHarness h;
  auto out =
      h.transcribe({{"filename", "a\"\r\nX-Injected: 1\r\n.wav"}}, fake_wav());
  REQUIRE(out.ok());
  auto parts = parts_of(h.fake.requests().back());
  CHECK(parts.find("file")->second.filename == "a___X-Injected: 1__.wav");
}

TEST_CASE("the fake refuses what OpenAI refuses, and the plugin maps it",
          "[openai][audio]") {
  OpenAiHarness h;
  // A file name without a supported extension: 400 unsupported_format.
  auto out = h.transcribe({{"filename", "call.txt"}}, fake_wav());
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK(out.http_status == 400);
  CHECK(out.provider_code == "unsupported_format");
  // An unknown model: 404 model_not_found.
  auto model = h.transcribe({{"model", "whisper-9"}}, fake_wav());
  CHECK(model.status == AIHOST_NOT_FOUND);
  CHECK(model.provider_code == "model_not_found");
}

TEST_CASE("a transcription answer without text is a protocol error",
          "[openai][audio]") {
  OpenAiHarness h;
  h.fake.fail_next(fakes::OpenAiFault::no_choices);
  auto out = h.transcribe(json::object(), fake_wav());
  CHECK(out.status == AIHOST_UPSTREAM_PROTOCOL);
  h.fake.fail_next(fakes::OpenAiFault::malformed_json);
  CHECK(h.transcribe(json::object(), fake_wav()).status ==
        AIHOST_UPSTREAM_PROTOCOL);
}
