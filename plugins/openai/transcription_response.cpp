#include "transcription_response.hpp"

#include "chat_response.hpp"
#include "languages.hpp"

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

[[noreturn]] void off_contract(const std::string& what) {
  throw Error(AIHOST_UPSTREAM_PROTOCOL, "OpenAI transcription answer " + what);
}

double seconds(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number())
    off_contract("has no numeric " + where + "." + key);
  return it->get<double>();
}

std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// A list that is absent or null when its granularity was not asked for.
const json* optional_array(const json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return nullptr;
  if (!it->is_array()) off_contract(std::string("has a non-array ") + key);
  return &*it;
}

std::vector<sdk::Word> parse_words(const json& words) {
  std::vector<sdk::Word> out;
  for (size_t i = 0; i < words.size(); ++i) {
    const json& w = words[i];
    std::string at = "words[" + std::to_string(i) + "]";
    if (!w.is_object() || !w.contains("word") || !w["word"].is_string())
      off_contract("has a malformed " + at);
    sdk::Word word;
    word.word = trimmed(w["word"].get<std::string>());
    word.punctuated = word.word;
    word.start = seconds(w, "start", at);
    word.end = seconds(w, "end", at);
    out.push_back(std::move(word));
  }
  return out;
}

std::vector<sdk::Segment> parse_segments(const json& segments) {
  std::vector<sdk::Segment> out;
  for (size_t i = 0; i < segments.size(); ++i) {
    const json& s = segments[i];
    std::string at = "segments[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("text") || !s["text"].is_string())
      off_contract("has a malformed " + at);
    sdk::Segment seg;
    seg.id = s.contains("id") && s["id"].is_number_integer()
                 ? s["id"].get<int>()
                 : static_cast<int>(i);
    seg.start = seconds(s, "start", at);
    seg.end = seconds(s, "end", at);
    seg.text = trimmed(s["text"].get<std::string>());
    out.push_back(std::move(seg));
  }
  return out;
}

// Each word joins the segment its midpoint falls in; both lists are in time
// order, so one pass suffices.
void attach_words(std::vector<sdk::Segment>& segments,
                  const std::vector<sdk::Word>& words) {
  size_t s = 0;
  for (const auto& w : words) {
    double mid = (w.start + w.end) / 2;
    while (s + 1 < segments.size() && mid >= segments[s].end) ++s;
    if (s < segments.size()) segments[s].words.push_back(w);
  }
}

void read_usage(const json& doc, sdk::Transcript& t) {
  auto it = doc.find("usage");
  t.usage.audio_seconds = t.duration;
  if (it == doc.end() || !it->is_object()) return;
  const json& u = *it;
  std::string type = u.value("type", "");
  if (type == "duration" && u.contains("seconds") && u["seconds"].is_number()) {
    // What OpenAI bills: the duration rounded up to whole seconds.
    t.usage.audio_seconds = u["seconds"].get<double>();
    if (t.duration == 0) t.duration = t.usage.audio_seconds;
  } else if (type == "tokens") {
    auto count = [](const json& obj, const char* key) -> int64_t {
      auto f = obj.find(key);
      return f != obj.end() && f->is_number() ? f->get<int64_t>() : 0;
    };
    t.usage.input_tokens = count(u, "input_tokens");
    t.usage.output_tokens = count(u, "output_tokens");
    if (auto d = u.find("input_token_details"); d != u.end() && d->is_object())
      t.usage.audio_input_tokens = count(*d, "audio_tokens");
  }
}

}  // namespace

sdk::Transcript parse_transcription_response(std::string_view body,
                                             const TranscriptionRequest& sent) {
  json doc = sdk::parse_json_or_discard(body);
  if (doc.is_discarded() || !doc.is_object())
    off_contract("is not a JSON object");
  auto text = doc.find("text");
  if (text == doc.end() || !text->is_string()) off_contract("has no text");

  sdk::Transcript t;
  t.provider = kProvider;
  t.model = sent.model;
  t.text = trimmed(text->get<std::string>());
  if (auto lang = doc.find("language"); lang != doc.end() && lang->is_string())
    t.language = iso_from_language_name(lang->get<std::string>());
  else
    t.language = sent.language;
  if (auto d = doc.find("duration"); d != doc.end() && !d->is_null()) {
    if (!d->is_number()) off_contract("has a non-numeric duration");
    t.duration = d->get<double>();
  }
  if (const json* words = optional_array(doc, "words"))
    t.words = parse_words(*words);
  if (const json* segments = optional_array(doc, "segments"))
    t.segments = parse_segments(*segments);
  read_usage(doc, t);

  // Callers read segments; an answer without them becomes one segment over
  // the whole text (end 0 when the json format gave no duration).
  if (t.segments.empty() && !t.text.empty()) {
    sdk::Segment whole;
    whole.text = t.text;
    whole.start = t.words.empty() ? 0 : t.words.front().start;
    whole.end = t.duration > 0 ? t.duration
                               : (t.words.empty() ? 0 : t.words.back().end);
    t.segments.push_back(std::move(whole));
  }
  attach_words(t.segments, t.words);
  return t;
}

}  // namespace aihost::openai
