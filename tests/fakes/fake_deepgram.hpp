// A fake Deepgram pre-recorded API (POST /v1/listen) on 127.0.0.1. It checks
// requests the way the real service does (Token auth, an audio body, a
// valid WAV, boolean query values, diarize vs diarize_model) and answers
// with a ListenV1Response built from the uploaded audio: the real duration
// and channel count, and scripted words per channel.
#pragma once

#include "fakes/fake_server.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace aihost::fakes {

struct ScriptedWord {
  ScriptedWord(std::string text, double start, double end,
               std::optional<int> speaker = std::nullopt,
               double confidence = 0.97)
      : text(std::move(text)),
        start(start),
        end(end),
        speaker(speaker),
        confidence(confidence) {}

  std::string text;  // as punctuated: "Hello,"; the plain word is derived
  double start;
  double end;
  std::optional<int> speaker;  // 0 when diarizing and unset
  double confidence;
};

class FakeDeepgram {
 public:
  explicit FakeDeepgram(std::string api_key = "dg-test-key");

  std::string base_url() const { return server_.base_url(); }
  const std::string& api_key() const { return api_key_; }

  // Words spoken on channel `index` of the uploaded audio.
  void set_channel_words(int index, std::vector<ScriptedWord> words);
  // Words spoken on whatever channel starts with this PCM sample value, so
  // that mono files cut from one stereo file are still told apart. Takes
  // precedence over set_channel_words.
  void set_voice(int64_t first_sample, std::vector<ScriptedWord> words);
  // What detect_language=true reports.
  void set_detected_language(std::string language, double confidence);
  // Delays every transcript answer (not scripted responses).
  void set_delay_ms(int ms);
  // The next requests that pass the path and auth checks get these answers,
  // in order, instead of a transcript.
  void push_response(FakeResponse response);

  static FakeResponse legacy_error(int status, const std::string& err_code,
                                   const std::string& err_msg);
  static FakeResponse modern_error(int status, const std::string& category,
                                   const std::string& message,
                                   const std::string& details);

  std::vector<FakeRequest> requests() const { return server_.requests(); }
  size_t request_count() const { return server_.request_count(); }

 private:
  FakeResponse handle(const FakeRequest& request);

  std::string api_key_;
  mutable std::mutex mu_;
  std::map<int, std::vector<ScriptedWord>> channel_words_;
  std::map<int64_t, std::vector<ScriptedWord>> voices_;
  std::string language_ = "en";
  double language_confidence_ = 0.99;
  int delay_ms_ = 0;
  std::deque<FakeResponse> scripted_;
  uint64_t served_ = 0;
  FakeServer server_;  // last: it stops before the state it reads goes
};

}  // namespace aihost::fakes
