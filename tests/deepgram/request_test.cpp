// What the plugin sends to POST /v1/listen: query, auth, content type and
// body, and what it refuses before sending anything.
#include "deepgram_harness.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using namespace aihost::deepgram::testing;

TEST_CASE("the plugin describes itself and offers native multichannel",
          "[deepgram]") {
  auto lib = deepgram_library();
  CHECK(lib->id() == "deepgram");
  CHECK(lib->offers("audio.transcribe"));
  CHECK_FALSE(lib->offers("llm.chat"));
  CHECK(lib->extension(AIHOST_EXT_LLM_STREAM_V1) == nullptr);
  auto* mc = static_cast<const aihost_audio_multichannel_v1*>(
      lib->extension(AIHOST_EXT_AUDIO_MULTICHANNEL_V1));
  REQUIRE(mc);
  CHECK(mc->struct_size >= sizeof(aihost_audio_multichannel_v1));
  CHECK(mc->max_channels == 20);
}

TEST_CASE("defaults: instance model, detected language, Token auth, raw body",
          "[deepgram]") {
  Harness h;
  std::string audio = mono_wav(0.5);
  auto out = h.transcribe(audio);
  REQUIRE(out.ok());
  REQUIRE(h.fake.request_count() == 1);
  auto r = h.last_request();
  CHECK(r.method == "POST");
  CHECK(r.path == "/v1/listen");
  CHECK(r.header("Authorization") == "Token dg-secret-4f1c");
  CHECK(r.header("Content-Type") == "audio/wav");
  CHECK(r.header("Accept") == "application/json");
  CHECK(r.body == audio);
  CHECK(r.params("model") == std::vector<std::string>{"nova-3"});
  CHECK(r.param("detect_language") == "true");
  CHECK_FALSE(r.param("language"));
  CHECK(r.param("punctuate") == "true");
  CHECK(r.param("smart_format") == "false");
  CHECK(r.param("diarize") == "false");
  CHECK(r.param("utterances") == "true");
  CHECK(r.param("multichannel") == "false");
  CHECK_FALSE(r.param("diarize_model"));
  CHECK_FALSE(r.param("callback"));
}

TEST_CASE("params become query settings", "[deepgram]") {
  Harness h({{"model", "nova-2"},
             {"query",
              {{"utt_split", 1.5},
               {"numerals", true},
               {"keyterm", {"refund", "invoice #"}}}}});
  auto out = h.transcribe(mono_wav(0.25), {{"model", "nova-3-general"},
                                           {"language", "es"},
                                           {"diarize", true},
                                           {"punctuate", false},
                                           {"smart_format", true},
                                           {"utterances", false},
                                           {"multichannel", true}});
  REQUIRE(out.ok());
  auto r = h.last_request();
  CHECK(r.param("model") == "nova-3-general");
  CHECK(r.param("language") == "es");
  CHECK_FALSE(r.param("detect_language"));
  CHECK(r.param("diarize") == "true");
  CHECK_FALSE(r.param("diarize_model"));
  CHECK(r.param("punctuate") == "false");
  CHECK(r.param("smart_format") == "true");
  CHECK(r.param("utterances") == "false");
  CHECK(r.param("multichannel") == "true");
  CHECK(r.param("utt_split") == "1.5");
  CHECK(r.param("numerals") == "true");
  CHECK(r.params("keyterm") == std::vector<std::string>{"refund", "invoice #"});
  // Percent-encoded on the wire, decoded by the fake.
  CHECK_THAT(r.target, Catch::Contains("keyterm=invoice%20%23"));

  h.transcribe(mono_wav(0.25), {{"language", "auto"}});
  CHECK(h.last_request().param("detect_language") == "true");
  CHECK_FALSE(h.last_request().param("language"));
  CHECK(h.last_request().param("model") == "nova-2");
}

TEST_CASE("bad requests are refused before anything is sent", "[deepgram]") {
  Harness h;
  auto wrong_type = h.transcribe(mono_wav(0.1), {{"diarize", "yes"}});
  CHECK(wrong_type.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(wrong_type.message,
             Catch::Contains("params.diarize must be a boolean"));

  auto bad_model = h.transcribe(mono_wav(0.1), {{"model", 3}});
  CHECK(bad_model.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(bad_model.message, Catch::Contains("params.model"));

  auto empty = h.transcribe("");
  CHECK(empty.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(empty.message, Catch::Contains("payload is empty"));

  auto json_body = h.transcribe(R"({"url":"https://example.com/a.wav"})", {},
                                "application/json");
  CHECK(json_body.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(json_body.message, Catch::Contains("payload_type"));

  auto no_key = h.transcribe(mono_wav(0.1), {}, "audio/wav", "");
  CHECK(no_key.status == AIHOST_UNAUTHENTICATED);

  CHECK(h.fake.request_count() == 0);
}

TEST_CASE("instance config is checked field by field", "[deepgram]") {
  auto lib = deepgram_library();
  auto egress = std::make_shared<net::Egress>(fast_policy());
  auto refused = [&](json cfg) -> std::string {
    try {
      plugins::ProviderInstance inst(lib, cfg, egress);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "accepted";
  };
  CHECK_THAT(refused({{"base_url", "ftp://x"}}),
             Catch::Contains("config.base_url"));
  CHECK_THAT(refused({{"base_url", ""}}), Catch::Contains("config.base_url"));
  CHECK_THAT(refused({{"model", 7}}), Catch::Contains("config.model"));
  CHECK_THAT(refused({{"query", "utt_split=1"}}),
             Catch::Contains("config.query"));
  CHECK_THAT(refused({{"query", {{"diarize_model", "latest"}}}}),
             Catch::Contains("config.query.diarize_model"));
  CHECK_THAT(refused({{"query", {{"callback", "https://x"}}}}),
             Catch::Contains("config.query.callback"));
  CHECK_THAT(refused({{"query", {{"utt_split", {{"a", 1}}}}}}),
             Catch::Contains("config.query.utt_split"));
  CHECK_THAT(refused({{"timeout_ms", -1}}),
             Catch::Contains("config.timeout_ms"));
  // base_url defaults to Deepgram itself.
  CHECK(refused(json::object()) == "accepted");
}

TEST_CASE("a trailing slash on base_url is not doubled", "[deepgram]") {
  Harness h;
  plugins::ProviderInstance slashed(
      deepgram_library(), {{"base_url", h.fake.base_url() + "/"}},
      std::make_shared<net::Egress>(fast_policy()));
  plugins::Invocation inv;
  inv.operation = "audio.transcribe";
  inv.payload = mono_wav(0.1);
  inv.payload_type = "audio/wav";
  inv.api_key = h.fake.api_key();
  REQUIRE(slashed.invoke(inv).ok());
  CHECK(h.last_request().path == "/v1/listen");
}
