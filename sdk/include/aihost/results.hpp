// The normalised result shapes of every operation, defined once for plugins
// and host alike. Whatever provider produced a result, it crosses the ABI as
// the JSON form of one of these structures (sdk/README.md documents the JSON
// field by field).
//
// Conventions: times are seconds as double; text offsets are UTF-8 byte
// offsets into the text named beside them, end exclusive; optional numbers
// are std::optional and absent from JSON when unset.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aihost::sdk {

namespace detail {
template <class T>
void put_opt(nlohmann::json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
template <class T>
void get_opt(const nlohmann::json& j, const char* key, std::optional<T>& v) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null())
    v = it->template get<T>();
  else
    v.reset();
}
template <class T>
void get_or(const nlohmann::json& j, const char* key, T& v) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null()) v = it->template get<T>();
}
}  // namespace detail

// Raw billable quantities of one provider call. Cost is computed by the host
// from these and the price table, never by a plugin.
struct Usage {
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t cached_tokens = 0;     // subset of input_tokens
  int64_t reasoning_tokens = 0;  // subset of output_tokens
  int64_t audio_input_tokens = 0;
  double audio_seconds = 0;
  int64_t characters = 0;
  int64_t requests = 1;
};

inline void to_json(nlohmann::json& j, const Usage& u) {
  j = {{"input_tokens", u.input_tokens},
       {"output_tokens", u.output_tokens},
       {"cached_tokens", u.cached_tokens},
       {"reasoning_tokens", u.reasoning_tokens},
       {"audio_input_tokens", u.audio_input_tokens},
       {"audio_seconds", u.audio_seconds},
       {"characters", u.characters},
       {"requests", u.requests}};
}
inline void from_json(const nlohmann::json& j, Usage& u) {
  detail::get_or(j, "input_tokens", u.input_tokens);
  detail::get_or(j, "output_tokens", u.output_tokens);
  detail::get_or(j, "cached_tokens", u.cached_tokens);
  detail::get_or(j, "reasoning_tokens", u.reasoning_tokens);
  detail::get_or(j, "audio_input_tokens", u.audio_input_tokens);
  detail::get_or(j, "audio_seconds", u.audio_seconds);
  detail::get_or(j, "characters", u.characters);
  detail::get_or(j, "requests", u.requests);
}

// ---- audio.transcribe ------------------------------------------------------

struct Word {
  std::string word;         // as recognised
  std::string punctuated;   // with punctuation and case, or same as word
  double start = 0;
  double end = 0;
  std::optional<double> confidence;
  std::optional<int> speaker;
  std::optional<int> channel;
};

inline void to_json(nlohmann::json& j, const Word& w) {
  j = {{"word", w.word},
       {"punctuated", w.punctuated.empty() ? w.word : w.punctuated},
       {"start", w.start},
       {"end", w.end}};
  detail::put_opt(j, "confidence", w.confidence);
  detail::put_opt(j, "speaker", w.speaker);
  detail::put_opt(j, "channel", w.channel);
}
inline void from_json(const nlohmann::json& j, Word& w) {
  w.word = j.at("word").get<std::string>();
  detail::get_or(j, "punctuated", w.punctuated);
  w.start = j.at("start").get<double>();
  w.end = j.at("end").get<double>();
  detail::get_opt(j, "confidence", w.confidence);
  detail::get_opt(j, "speaker", w.speaker);
  detail::get_opt(j, "channel", w.channel);
}

struct Segment {
  int id = 0;
  double start = 0;
  double end = 0;
  std::string text;
  std::optional<int> speaker;
  std::optional<int> channel;
  std::optional<std::string> role;  // "agent", "customer" when known
  std::optional<double> confidence;
  std::vector<Word> words;
};

inline void to_json(nlohmann::json& j, const Segment& s) {
  j = {{"id", s.id},
       {"start", s.start},
       {"end", s.end},
       {"text", s.text},
       {"words", s.words}};
  detail::put_opt(j, "speaker", s.speaker);
  detail::put_opt(j, "channel", s.channel);
  detail::put_opt(j, "role", s.role);
  detail::put_opt(j, "confidence", s.confidence);
}
inline void from_json(const nlohmann::json& j, Segment& s) {
  detail::get_or(j, "id", s.id);
  s.start = j.at("start").get<double>();
  s.end = j.at("end").get<double>();
  s.text = j.at("text").get<std::string>();
  detail::get_opt(j, "speaker", s.speaker);
  detail::get_opt(j, "channel", s.channel);
  detail::get_opt(j, "role", s.role);
  detail::get_opt(j, "confidence", s.confidence);
  detail::get_or(j, "words", s.words);
}

struct Channel {
  int index = 0;
  std::string text;
  std::optional<std::string> language;
  std::optional<std::string> role;
};

inline void to_json(nlohmann::json& j, const Channel& c) {
  j = {{"index", c.index}, {"text", c.text}};
  detail::put_opt(j, "language", c.language);
  detail::put_opt(j, "role", c.role);
}
inline void from_json(const nlohmann::json& j, Channel& c) {
  c.index = j.at("index").get<int>();
  c.text = j.at("text").get<std::string>();
  detail::get_opt(j, "language", c.language);
  detail::get_opt(j, "role", c.role);
}

struct Transcript {
  std::string text;
  std::optional<std::string> language;  // ISO-639-1 where known
  std::optional<double> language_confidence;
  double duration = 0;                  // seconds of audio
  std::string provider;
  std::string model;
  std::vector<Segment> segments;        // in time order
  std::vector<Word> words;              // in time order
  std::vector<int> speakers;            // distinct speaker ids
  std::vector<Channel> channels;        // empty for a mono transcript
  Usage usage;
};

inline void to_json(nlohmann::json& j, const Transcript& t) {
  j = {{"text", t.text},         {"duration", t.duration},
       {"provider", t.provider}, {"model", t.model},
       {"segments", t.segments}, {"words", t.words},
       {"speakers", t.speakers}, {"channels", t.channels},
       {"usage", t.usage}};
  detail::put_opt(j, "language", t.language);
  detail::put_opt(j, "language_confidence", t.language_confidence);
}
inline void from_json(const nlohmann::json& j, Transcript& t) {
  t.text = j.at("text").get<std::string>();
  detail::get_opt(j, "language", t.language);
  detail::get_opt(j, "language_confidence", t.language_confidence);
  detail::get_or(j, "duration", t.duration);
  detail::get_or(j, "provider", t.provider);
  detail::get_or(j, "model", t.model);
  detail::get_or(j, "segments", t.segments);
  detail::get_or(j, "words", t.words);
  detail::get_or(j, "speakers", t.speakers);
  detail::get_or(j, "channels", t.channels);
  detail::get_or(j, "usage", t.usage);
}

// ---- llm.chat --------------------------------------------------------------

struct LlmResult {
  std::optional<std::string> content;  // text, or the JSON text of a
                                       // structured answer
  nlohmann::json parsed;               // parsed structured answer, or null
  std::optional<std::string> refusal;  // the model declined
  std::string finish_reason;           // stop, length, content_filter, ...
  bool truncated = false;              // finish_reason == "length"
  std::string provider;
  std::string model;                   // the resolved model snapshot
  std::string response_id;
  Usage usage;
};

inline void to_json(nlohmann::json& j, const LlmResult& r) {
  j = {{"content", r.content ? nlohmann::json(*r.content) : nullptr},
       {"parsed", r.parsed},
       {"refusal", r.refusal ? nlohmann::json(*r.refusal) : nullptr},
       {"finish_reason", r.finish_reason},
       {"truncated", r.truncated},
       {"provider", r.provider},
       {"model", r.model},
       {"response_id", r.response_id},
       {"usage", r.usage}};
}
inline void from_json(const nlohmann::json& j, LlmResult& r) {
  detail::get_opt(j, "content", r.content);
  r.parsed = j.value("parsed", nlohmann::json());
  detail::get_opt(j, "refusal", r.refusal);
  detail::get_or(j, "finish_reason", r.finish_reason);
  detail::get_or(j, "truncated", r.truncated);
  detail::get_or(j, "provider", r.provider);
  detail::get_or(j, "model", r.model);
  detail::get_or(j, "response_id", r.response_id);
  detail::get_or(j, "usage", r.usage);
}

// ---- pii.redact ------------------------------------------------------------

struct Entity {
  std::string entity_type;  // CREDIT_CARD, PERSON, ...
  size_t start = 0;         // byte offsets into the original text
  size_t end = 0;
  size_t out_start = 0;     // byte offsets into the redacted text
  size_t out_end = 0;
  double score = 0;
  std::string recognizer;   // what found it
  std::string op;           // replace, mask, redact, hash
};

inline void to_json(nlohmann::json& j, const Entity& e) {
  j = {{"entity_type", e.entity_type}, {"start", e.start},
       {"end", e.end},                 {"out_start", e.out_start},
       {"out_end", e.out_end},         {"score", e.score},
       {"recognizer", e.recognizer},   {"operator", e.op}};
}
inline void from_json(const nlohmann::json& j, Entity& e) {
  e.entity_type = j.at("entity_type").get<std::string>();
  e.start = j.at("start").get<size_t>();
  e.end = j.at("end").get<size_t>();
  detail::get_or(j, "out_start", e.out_start);
  detail::get_or(j, "out_end", e.out_end);
  detail::get_or(j, "score", e.score);
  detail::get_or(j, "recognizer", e.recognizer);
  detail::get_or(j, "operator", e.op);
}

struct RedactedSegment {
  int id = 0;
  double start = 0;  // timings of the input segment, unchanged
  double end = 0;
  std::string text;  // redacted
  std::optional<int> speaker;
  std::optional<int> channel;
  std::optional<std::string> role;
  std::vector<Entity> entities;  // offsets within this segment's text
};

inline void to_json(nlohmann::json& j, const RedactedSegment& s) {
  j = {{"id", s.id},
       {"start", s.start},
       {"end", s.end},
       {"text", s.text},
       {"entities", s.entities}};
  detail::put_opt(j, "speaker", s.speaker);
  detail::put_opt(j, "channel", s.channel);
  detail::put_opt(j, "role", s.role);
}
inline void from_json(const nlohmann::json& j, RedactedSegment& s) {
  detail::get_or(j, "id", s.id);
  detail::get_or(j, "start", s.start);
  detail::get_or(j, "end", s.end);
  s.text = j.at("text").get<std::string>();
  detail::get_opt(j, "speaker", s.speaker);
  detail::get_opt(j, "channel", s.channel);
  detail::get_opt(j, "role", s.role);
  detail::get_or(j, "entities", s.entities);
}

struct Redaction {
  std::string text;               // redacted text (empty for segment input)
  std::vector<Entity> entities;   // for text input
  std::vector<RedactedSegment> segments;  // for segment input
  std::string provider;
  Usage usage;
};

inline void to_json(nlohmann::json& j, const Redaction& r) {
  j = {{"text", r.text},
       {"entities", r.entities},
       {"segments", r.segments},
       {"provider", r.provider},
       {"usage", r.usage}};
}
inline void from_json(const nlohmann::json& j, Redaction& r) {
  detail::get_or(j, "text", r.text);
  detail::get_or(j, "entities", r.entities);
  detail::get_or(j, "segments", r.segments);
  detail::get_or(j, "provider", r.provider);
  detail::get_or(j, "usage", r.usage);
}

}  // namespace aihost::sdk
