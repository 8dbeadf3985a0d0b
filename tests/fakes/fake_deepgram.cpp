#include "fakes/fake_deepgram.hpp"

#include "fakes/fake_deepgram_wav.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace aihost::fakes {
namespace {

using json = nlohmann::json;

constexpr const char* kCorrupt =
    "Bad Request: failed to process audio: corrupt or unsupported data";
constexpr int kMaxChannels = 20;

const std::set<std::string>& boolean_params() {
  static const std::set<std::string> s = {
      "punctuate",        "smart_format",    "diarize",    "utterances",
      "multichannel",     "detect_language", "paragraphs", "numerals",
      "profanity_filter", "filler_words",    "dictation",  "measurements",
      "mip_opt_out",      "detect_entities", "sentiment",  "topics",
      "intents"};
  return s;
}

const std::set<std::string>& other_params() {
  static const std::set<std::string> s = {
      "model",       "language", "diarize_model",   "utt_split", "keyterm",
      "keywords",    "redact",   "search",          "replace",   "tag",
      "extra",       "callback", "callback_method", "summarize", "encoding",
      "sample_rate", "channels", "version"};
  return s;
}

bool is_wav_type(const std::string& type) {
  std::string t = type.substr(0, type.find(';'));
  return t == "audio/wav" || t == "audio/wave" || t == "audio/x-wav" ||
         t == "audio/vnd.wave";
}

std::string plain(const std::string& punctuated) {
  std::string out;
  for (unsigned char c : punctuated)
    if (std::isalnum(c) || c == '\'' || c == '-' || c >= 0x80)
      out += static_cast<char>(std::tolower(c));
  return out;
}

std::string uuid(uint64_t n, uint64_t salt) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%08llx-0000-4000-8000-%012llx",
                static_cast<unsigned long long>(salt & 0xffffffffu),
                static_cast<unsigned long long>(n));
  return buf;
}

std::string hex_digest(std::string_view body) {
  // Not SHA-256, only shaped like it: nothing checks it.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx",
                static_cast<unsigned long long>(h));
  return std::string(buf) + buf + buf + buf;
}

struct Query {
  std::string model = "base-general";
  bool punctuate = false, smart_format = false, diarize = false;
  bool utterances = false, multichannel = false, detect_language = false;
  std::optional<std::string> language;
  double utt_split = 0.8;
};

FakeResponse bad_request(const std::string& msg) {
  return FakeDeepgram::legacy_error(400, "Bad Request", msg);
}

// Checks the query as Deepgram does; an error answer when it is refused.
std::optional<FakeResponse> read_query(const FakeRequest& r, Query& q) {
  for (const auto& [key, value] : r.query) {
    if (boolean_params().count(key)) {
      if (value != "true" && value != "false")
        return bad_request("Invalid query string. " + key +
                           ": expected `true` or `false`, found `" + value +
                           "`");
    } else if (!other_params().count(key)) {
      return bad_request("Invalid query string. Unknown parameter `" + key +
                         "`");
    }
    if (r.params(key).size() > 1 && key != "keyterm" && key != "keywords" &&
        key != "tag" && key != "redact" && key != "search" &&
        key != "replace" && key != "extra")
      return bad_request("Invalid query string. `" + key +
                         "` given more than once");
  }
  auto flag = [&](const char* k) {
    return r.param(k) == std::optional<std::string>("true");
  };
  q.punctuate = flag("punctuate");
  q.smart_format = flag("smart_format");
  q.diarize = flag("diarize");
  q.utterances = flag("utterances");
  q.multichannel = flag("multichannel");
  q.detect_language = flag("detect_language");
  if (auto m = r.param("model")) q.model = *m;
  q.language = r.param("language");
  if (r.param("diarize") && r.param("diarize_model"))
    return bad_request(
        "Invalid query string. `diarize` and `diarize_model` cannot be used "
        "together");
  if (q.language && q.detect_language)
    return bad_request(
        "Invalid query string. `language` and `detect_language` cannot be "
        "used together");
  if (auto u = r.param("utt_split")) {
    char* end = nullptr;
    q.utt_split = std::strtod(u->c_str(), &end);
    if (u->empty() || *end != '\0' || q.utt_split <= 0)
      return bad_request("Invalid query string. utt_split: expected a number");
  }
  return std::nullopt;
}

json word_json(const ScriptedWord& w, const Query& q, bool first) {
  json j = {{"word", plain(w.text)},
            {"start", w.start},
            {"end", w.end},
            {"confidence", w.confidence}};
  if (q.punctuate || q.smart_format) j["punctuated_word"] = w.text;
  if (q.diarize) {
    j["speaker"] = w.speaker.value_or(0);
    // Real answers carry the integer 1 for a certain speaker.
    if (first)
      j["speaker_confidence"] = 1;
    else
      j["speaker_confidence"] = 0.875;
  }
  return j;
}

std::string transcript_of(const std::vector<ScriptedWord>& words,
                          const Query& q) {
  std::string t;
  for (const auto& w : words) {
    if (!t.empty()) t += ' ';
    t += (q.punctuate || q.smart_format) ? w.text : plain(w.text);
  }
  return t;
}

double mean_confidence(const std::vector<ScriptedWord>& words) {
  if (words.empty()) return 0;
  double s = 0;
  for (const auto& w : words) s += w.confidence;
  return s / static_cast<double>(words.size());
}

json words_json(const std::vector<ScriptedWord>& words, const Query& q) {
  json out = json::array();
  for (size_t i = 0; i < words.size(); ++i)
    out.push_back(word_json(words[i], q, i == 0));
  return out;
}

// Utterances break at pauses longer than utt_split and, when diarizing, at
// a change of speaker.
void add_utterances(json& out, const std::vector<ScriptedWord>& words,
                    int channel, const Query& q, uint64_t& ids) {
  size_t begin = 0;
  for (size_t i = 1; i <= words.size(); ++i) {
    bool cut = i == words.size() ||
               words[i].start - words[i - 1].end > q.utt_split ||
               (q.diarize && words[i].speaker.value_or(0) !=
                                 words[i - 1].speaker.value_or(0));
    if (!cut) continue;
    std::vector<ScriptedWord> part(words.begin() + static_cast<long>(begin),
                                   words.begin() + static_cast<long>(i));
    json u = {{"start", part.front().start},
              {"end", part.back().end},
              {"confidence", mean_confidence(part)},
              {"channel", channel},
              {"transcript", transcript_of(part, q)},
              {"words", words_json(part, q)},
              {"id", uuid(++ids, 0x77e)}};
    if (q.diarize) u["speaker"] = part.front().speaker.value_or(0);
    out.push_back(std::move(u));
    begin = i;
  }
}

}  // namespace

FakeDeepgram::FakeDeepgram(std::string api_key)
    : api_key_(std::move(api_key)),
      server_([this](const FakeRequest& r) { return handle(r); }) {}

void FakeDeepgram::set_channel_words(int index,
                                     std::vector<ScriptedWord> words) {
  std::lock_guard lock(mu_);
  channel_words_[index] = std::move(words);
}

void FakeDeepgram::set_voice(int64_t first_sample,
                             std::vector<ScriptedWord> words) {
  std::lock_guard lock(mu_);
  voices_[first_sample] = std::move(words);
}

void FakeDeepgram::set_detected_language(std::string language,
                                         double confidence) {
  std::lock_guard lock(mu_);
  language_ = std::move(language);
  language_confidence_ = confidence;
}

void FakeDeepgram::set_delay_ms(int ms) {
  std::lock_guard lock(mu_);
  delay_ms_ = ms;
}

void FakeDeepgram::push_response(FakeResponse response) {
  std::lock_guard lock(mu_);
  scripted_.push_back(std::move(response));
}

FakeResponse FakeDeepgram::legacy_error(int status, const std::string& code,
                                        const std::string& msg) {
  json body = {{"err_code", code},
               {"err_msg", msg},
               {"request_id", "5c0f3e1a-9b2d-4c47-8e61-0d7a2f4b9c33"}};
  return FakeResponse::json(status, body.dump());
}

FakeResponse FakeDeepgram::modern_error(int status, const std::string& category,
                                        const std::string& message,
                                        const std::string& details) {
  json body = {{"category", category},
               {"message", message},
               {"details", details},
               {"request_id", "a81d6b0e-27c4-4f93-b5d8-6e2c19f07a44"}};
  return FakeResponse::json(status, body.dump());
}

FakeResponse FakeDeepgram::handle(const FakeRequest& r) {
  if (r.path != "/v1/listen")
    return legacy_error(404, "Not Found", "Route not found: " + r.path);
  if (r.method != "POST")
    return legacy_error(405, "Method Not Allowed",
                        "Method " + r.method + " is not allowed on /v1/listen");
  // A temporary-token (Bearer) scheme is not an API key: refused like a
  // wrong key.
  if (r.header("Authorization") !=
      std::optional<std::string>("Token " + api_key_))
    return legacy_error(401, "INVALID_AUTH", "Invalid credentials.");

  std::unique_lock lock(mu_);
  if (!scripted_.empty()) {
    FakeResponse next = std::move(scripted_.front());
    scripted_.pop_front();
    return next;
  }
  lock.unlock();

  Query q;
  if (auto refused = read_query(r, q)) return *refused;
  std::string type = r.header("Content-Type").value_or("");
  if (type.rfind("audio/", 0) != 0 || r.body.empty())
    return bad_request(kCorrupt);

  uint16_t channels = 1;
  double duration = 0;
  std::optional<WavProbe> wav;
  if (is_wav_type(type)) {
    wav = probe_wav(r.body);
    if (!wav) return bad_request(kCorrupt);
    channels = wav->channels;
    duration = wav->duration();
  }
  if (q.multichannel && channels > kMaxChannels)
    return bad_request("Multichannel audio supports at most 20 channels");

  lock.lock();
  auto words_of = [&](int ch) -> std::vector<ScriptedWord> {
    if (wav)
      if (auto s = wav->first_sample(ch))
        if (auto v = voices_.find(*s); v != voices_.end()) return v->second;
    auto it = channel_words_.find(ch);
    return it == channel_words_.end() ? std::vector<ScriptedWord>{}
                                      : it->second;
  };
  std::vector<std::vector<ScriptedWord>> per_channel;
  if (q.multichannel) {
    for (int ch = 0; ch < channels; ++ch) per_channel.push_back(words_of(ch));
  } else {
    // Without multichannel the channels are mixed down into one.
    std::vector<ScriptedWord> mixed;
    for (int ch = 0; ch < channels; ++ch) {
      auto w = words_of(ch);
      mixed.insert(mixed.end(), w.begin(), w.end());
    }
    std::stable_sort(
        mixed.begin(), mixed.end(),
        [](const auto& a, const auto& b) { return a.start < b.start; });
    per_channel.push_back(std::move(mixed));
  }
  const std::string language = language_;
  const double language_confidence = language_confidence_;
  const int delay = delay_ms_;
  const uint64_t n = ++served_;
  lock.unlock();

  const std::string model_id = uuid(n, 0x30de1);
  json metadata = {{"transaction_key", "deprecated"},
                   {"request_id", uuid(n, 0x7e9)},
                   {"sha256", hex_digest(r.body)},
                   {"created", "2026-11-24T03:00:00.000Z"},
                   {"duration", duration},
                   {"channels", static_cast<int>(per_channel.size())},
                   {"models", {model_id}},
                   {"model_info",
                    {{model_id,
                      {{"name", "general-" + q.model},
                       {"version", "2026-10-01.0"},
                       {"arch", q.model}}}}}};
  if (q.diarize)
    metadata["diarize_info"] = {{"model_uuid", uuid(n, 0xd1a)},
                                {"arch", "diarizer-v1"}};

  json results_channels = json::array();
  json utterances = json::array();
  uint64_t utterance_ids = n * 1000;
  for (size_t ch = 0; ch < per_channel.size(); ++ch) {
    const auto& words = per_channel[ch];
    json alt = {{"transcript", transcript_of(words, q)},
                {"confidence", mean_confidence(words)},
                {"words", words_json(words, q)}};
    json c = {{"alternatives", json::array({alt})}};
    if (q.detect_language) {
      c["detected_language"] = language;
      c["language_confidence"] = language_confidence;
    }
    results_channels.push_back(std::move(c));
    if (q.utterances)
      add_utterances(utterances, words, static_cast<int>(ch), q, utterance_ids);
  }
  json results = {{"channels", results_channels}};
  if (q.utterances) results["utterances"] = utterances;

  FakeResponse resp = FakeResponse::json(
      200, json{{"metadata", metadata}, {"results", results}}.dump());
  resp.headers.push_back({"dg-request-id", metadata["request_id"]});
  resp.delay_ms = delay;
  return resp;
}

}  // namespace aihost::fakes
