// ListenV1Response to Transcript: words, utterances, speakers, channels,
// language, duration, usage and model, from the fake's answers built out of
// the uploaded audio, plus hand-written bodies for shapes the fake does not
// produce (paragraphs, unknown fields).
#include "deepgram_harness.hpp"
#include "fakes/fake_server.hpp"

#include <aihost/results.hpp>

#include <catch2/catch.hpp>

using namespace aihost;
using namespace aihost::deepgram::testing;
using fakes::ScriptedWord;

namespace {

sdk::Transcript read(const plugins::Outcome& o) {
  REQUIRE(o.ok());
  return o.result.get<sdk::Transcript>();
}

// A plugin instance against a FakeServer that answers every request with
// `body`.
plugins::Outcome answer_with(const std::string& body,
                             json params = json::object()) {
  fakes::FakeServer server([body](const fakes::FakeRequest&) {
    return fakes::FakeResponse::json(200, body);
  });
  plugins::ProviderInstance inst(deepgram_library(),
                                 {{"base_url", server.base_url()}},
                                 std::make_shared<net::Egress>(fast_policy()));
  plugins::Invocation inv;
  inv.operation = "audio.transcribe";
  inv.params = std::move(params);
  inv.payload = mono_wav(0.1);
  inv.payload_type = "audio/wav";
  inv.api_key = std::string("mapping-key");
  return inst.invoke(inv);
}

}  // namespace

TEST_CASE("mono with diarization and utterances", "[deepgram][mapping]") {
  Harness h;
  h.fake.set_detected_language("de", 0.83);
  h.fake.set_channel_words(0, {{"Guten", 0.10, 0.40, 0, 0.99},
                               {"Tag.", 0.40, 0.70, 0, 0.98},
                               {"Hallo,", 2.00, 2.30, 1, 0.91},
                               {"danke!", 2.30, 2.80, 1, 0.95}});
  auto t = read(h.transcribe(mono_wav(3.25), {{"diarize", true}}));
  CHECK(t.provider == "deepgram");
  CHECK(t.model == "general-nova-3");
  CHECK(t.duration == Approx(3.25));
  CHECK(t.usage.audio_seconds == Approx(3.25));
  CHECK(t.usage.requests == 1);
  CHECK(t.language == "de");
  CHECK(t.language_confidence == Approx(0.83));
  CHECK(t.text == "Guten Tag. Hallo, danke!");
  CHECK(t.channels.empty());

  REQUIRE(t.words.size() == 4);
  CHECK(t.words[0].word == "guten");
  CHECK(t.words[0].punctuated == "Guten");
  CHECK(t.words[0].start == Approx(0.10));
  CHECK(t.words[0].end == Approx(0.40));
  CHECK(t.words[0].confidence == Approx(0.99));
  CHECK(t.words[0].speaker == 0);
  CHECK(t.words[2].speaker == 1);
  CHECK_FALSE(t.words[0].channel);
  CHECK(t.speakers == std::vector<int>{0, 1});

  // The pause of 1.3 s and the change of speaker both split utterances.
  REQUIRE(t.segments.size() == 2);
  CHECK(t.segments[0].id == 0);
  CHECK(t.segments[0].text == "Guten Tag.");
  CHECK(t.segments[0].start == Approx(0.10));
  CHECK(t.segments[0].end == Approx(0.70));
  CHECK(t.segments[0].speaker == 0);
  CHECK(t.segments[0].confidence == Approx(0.985));
  CHECK(t.segments[0].words.size() == 2);
  CHECK(t.segments[1].id == 1);
  CHECK(t.segments[1].speaker == 1);
  CHECK(t.segments[1].text == "Hallo, danke!");
}

TEST_CASE("a requested language is reported as is", "[deepgram][mapping]") {
  Harness h;
  h.fake.set_channel_words(0, {{"hola", 0.1, 0.3}});
  auto t = read(h.transcribe(mono_wav(1), {{"language", "es"}}));
  CHECK(t.language == "es");
  CHECK_FALSE(t.language_confidence);
}

TEST_CASE("without utterances the channel is one segment",
          "[deepgram][mapping]") {
  Harness h;
  h.fake.set_channel_words(0, {{"Quick", 0.5, 0.8}, {"check.", 3.0, 3.4}});
  auto t = read(
      h.transcribe(mono_wav(4), {{"utterances", false}, {"punctuate", false}}));
  CHECK(t.text == "quick check");
  REQUIRE(t.segments.size() == 1);
  CHECK(t.segments[0].start == Approx(0.5));
  CHECK(t.segments[0].end == Approx(3.4));
  CHECK(t.segments[0].text == "quick check");
  CHECK(t.words[1].punctuated == "check");
  CHECK_FALSE(t.words[0].speaker);
  CHECK(t.speakers.empty());
}

TEST_CASE("silence gives an empty transcript, not an error",
          "[deepgram][mapping]") {
  Harness h;
  auto t = read(h.transcribe(mono_wav(1.5)));
  CHECK(t.text.empty());
  CHECK(t.segments.empty());
  CHECK(t.words.empty());
  CHECK(t.duration == Approx(1.5));
}

TEST_CASE("multichannel: one result per WAV channel, on one timeline",
          "[deepgram][mapping]") {
  Harness h;
  h.fake.set_channel_words(
      0, {{"Hello,", 0.2, 0.5}, {"support.", 0.5, 0.9}, {"Sure.", 3.0, 3.3}});
  h.fake.set_channel_words(
      1, {{"Hi,", 1.2, 1.4}, {"refund", 1.4, 1.8}, {"please.", 1.8, 2.2}});
  auto t = read(
      h.transcribe(stereo_wav({1000, -1000}, 4), {{"multichannel", true}}));
  CHECK(t.duration == Approx(4.0));
  REQUIRE(t.channels.size() == 2);
  CHECK(t.channels[0].index == 0);
  CHECK(t.channels[0].text == "Hello, support. Sure.");
  CHECK(t.channels[0].language == "en");
  CHECK(t.channels[1].text == "Hi, refund please.");
  CHECK(t.text == "Hello, support. Sure.\nHi, refund please.");

  REQUIRE(t.words.size() == 6);
  std::vector<int> word_channels;
  for (const auto& w : t.words) word_channels.push_back(w.channel.value_or(-1));
  CHECK(word_channels == std::vector<int>{0, 0, 1, 1, 1, 0});

  REQUIRE(t.segments.size() == 3);
  CHECK(t.segments[0].text == "Hello, support.");
  CHECK(t.segments[0].channel == 0);
  CHECK(t.segments[1].text == "Hi, refund please.");
  CHECK(t.segments[1].channel == 1);
  CHECK(t.segments[2].text == "Sure.");
  CHECK(t.segments[2].channel == 0);
  for (int i = 0; i < 3; ++i) CHECK(t.segments[static_cast<size_t>(i)].id == i);
}

TEST_CASE("a stereo file without multichannel is transcribed as one mix",
          "[deepgram][mapping]") {
  Harness h;
  h.fake.set_channel_words(0, {{"one", 0.1, 0.2}});
  h.fake.set_channel_words(1, {{"two", 0.3, 0.4}});
  auto t = read(h.transcribe(stereo_wav({1, 2}, 1)));
  CHECK(t.channels.empty());
  CHECK(t.text == "one two");
  CHECK_FALSE(t.words[0].channel);
}

TEST_CASE("paragraphs make segments when utterances are absent",
          "[deepgram][mapping]") {
  // Our own payload in the shape of a smart_format answer.
  const char* body = R"({
    "metadata": {"request_id": "r-1", "duration": 9.5, "channels": 1,
                 "models": ["m-2"],
                 "model_info": {"m-1": {"name": "other"},
                                "m-2": {"name": "general-nova-3", "arch": "nova-3"}}},
    "results": {"channels": [{"alternatives": [{
      "transcript": "Order shipped. Thanks a lot.",
      "confidence": 0.9,
      "words": [
        {"word": "order", "punctuated_word": "Order", "start": 0.5, "end": 0.9, "confidence": 0.8, "speaker": 0, "speaker_confidence": 1},
        {"word": "shipped", "punctuated_word": "shipped.", "start": 0.9, "end": 1.4, "confidence": 1, "speaker": 0, "speaker_confidence": 0.5},
        {"word": "thanks", "punctuated_word": "Thanks", "start": 5.0, "end": 5.3, "confidence": 0.6, "speaker": 1},
        {"word": "a", "start": 5.3, "end": 5.4, "confidence": 0.7, "speaker": 1},
        {"word": "lot", "punctuated_word": "lot.", "start": 5.4, "end": 5.8, "confidence": 0.8, "speaker": 1}],
      "paragraphs": {"transcript": "...", "paragraphs": [
        {"sentences": [{"text": "Order shipped.", "start": 0.5, "end": 1.4}],
         "speaker": 0, "num_words": 2, "start": 0.5, "end": 1.4},
        {"sentences": [{"text": "Thanks", "start": 5.0, "end": 5.3},
                       {"text": "a lot.", "start": 5.3, "end": 5.8}],
         "speaker": 1, "num_words": 3, "start": 5.0, "end": 5.8}]}
    }]}]}
  })";
  auto t = read(answer_with(body, {{"utterances", false}}));
  CHECK(t.model == "general-nova-3");
  CHECK(t.duration == Approx(9.5));
  REQUIRE(t.segments.size() == 2);
  CHECK(t.segments[0].text == "Order shipped.");
  CHECK(t.segments[0].speaker == 0);
  CHECK(t.segments[0].words.size() == 2);
  CHECK(t.segments[0].confidence == Approx(0.9));
  CHECK(t.segments[1].text == "Thanks a lot.");
  CHECK(t.segments[1].speaker == 1);
  CHECK(t.segments[1].words.size() == 3);
  CHECK(t.words[3].punctuated == "a");
  CHECK(t.speakers == std::vector<int>{0, 1});
}

TEST_CASE("unknown fields are ignored; a missing model name falls back",
          "[deepgram][mapping]") {
  const char* body = R"({
    "metadata": {"duration": 2, "channels": 1, "tags": ["x"],
                 "summary_info": {"model_uuid": "u"}},
    "results": {"channels": [{"search": [], "alternatives": [{
        "transcript": "yes", "confidence": 0.5, "entities": [],
        "words": [{"word": "yes", "start": 0.1, "end": 0.2, "confidence": 0.5,
                   "future_field": {"a": 1}}]}]}],
                "summary": {"short": "..."}}
  })";
  auto t = read(answer_with(body, {{"model", "nova-2-phonecall"}}));
  CHECK(t.model == "nova-2-phonecall");
  CHECK(t.text == "yes");
  REQUIRE(t.segments.size() == 1);
  CHECK(t.segments[0].confidence == Approx(0.5));
}
