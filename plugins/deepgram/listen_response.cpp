#include "listen_response.hpp"

#include <aihost/plugin.hpp>

#include <algorithm>
#include <set>

namespace aihost::deepgram {
namespace {

using json = nlohmann::json;
using sdk::Error;

[[noreturn]] void off_contract(const std::string& why) {
  throw Error(AIHOST_UPSTREAM_PROTOCOL,
              "Deepgram answered with an unexpected body: " + why);
}

const json& member(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end()) off_contract(where + "." + key + " is missing");
  return *it;
}

double number(const json& j, const char* key, const std::string& where) {
  const json& v = member(j, key, where);
  if (!v.is_number()) off_contract(where + "." + key + " is not a number");
  return v.get<double>();
}

std::optional<double> opt_number(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// Speaker and channel indexes: small non-negative integers.
std::optional<int> opt_int(const json& j, const char* key) {
  auto v = opt_number(j, key);
  if (!v) return std::nullopt;
  if (!(*v >= 0 && *v <= 1e6) ||
      *v != static_cast<double>(static_cast<int>(*v)))
    off_contract(std::string(key) + " is not an index");
  return static_cast<int>(*v);
}

std::string opt_string(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

const json& array(const json& j, const char* key, const std::string& where) {
  const json& v = member(j, key, where);
  if (!v.is_array()) off_contract(where + "." + key + " is not an array");
  return v;
}

std::vector<sdk::Word> read_words(const json& words, std::optional<int> channel,
                                  const std::string& where) {
  std::vector<sdk::Word> out;
  out.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const json& w = words[i];
    std::string at = where + "[" + std::to_string(i) + "]";
    if (!w.is_object()) off_contract(at + " is not an object");
    const json& text = member(w, "word", at);
    if (!text.is_string()) off_contract(at + ".word is not a string");
    sdk::Word word;
    word.word = text.get<std::string>();
    word.punctuated = opt_string(w, "punctuated_word");
    word.start = number(w, "start", at);
    word.end = number(w, "end", at);
    word.confidence = opt_number(w, "confidence");
    // speaker_confidence may come as the integer 1; it has no place in the
    // normalised word, so only speaker is read.
    word.speaker = opt_int(w, "speaker");
    word.channel = channel;
    out.push_back(std::move(word));
  }
  return out;
}

struct ChannelResult {
  std::string transcript;
  std::optional<double> confidence;
  std::vector<sdk::Word> words;
  const json* paragraphs = nullptr;
  std::optional<std::string> detected_language;
  std::optional<double> language_confidence;
};

ChannelResult read_channel(const json& c, size_t index, bool multichannel) {
  std::string at = "results.channels[" + std::to_string(index) + "]";
  if (!c.is_object()) off_contract(at + " is not an object");
  ChannelResult r;
  std::string lang = opt_string(c, "detected_language");
  if (!lang.empty()) r.detected_language = lang;
  r.language_confidence = opt_number(c, "language_confidence");
  const json& alts = array(c, "alternatives", at);
  if (alts.empty()) return r;  // a silent channel
  const json& a = alts[0];
  at += ".alternatives[0]";
  if (!a.is_object()) off_contract(at + " is not an object");
  const json& transcript = member(a, "transcript", at);
  if (!transcript.is_string()) off_contract(at + ".transcript is not a string");
  r.transcript = transcript.get<std::string>();
  r.confidence = opt_number(a, "confidence");
  std::optional<int> ch;
  if (multichannel) ch = static_cast<int>(index);
  r.words = read_words(array(a, "words", at), ch, at + ".words");
  if (auto p = a.find("paragraphs"); p != a.end() && p->is_object())
    if (auto list = p->find("paragraphs"); list != p->end() && list->is_array())
      r.paragraphs = &*list;
  return r;
}

std::vector<sdk::Segment> from_utterances(const json& utterances,
                                          bool multichannel) {
  std::vector<sdk::Segment> out;
  for (size_t i = 0; i < utterances.size(); ++i) {
    const json& u = utterances[i];
    std::string at = "results.utterances[" + std::to_string(i) + "]";
    if (!u.is_object()) off_contract(at + " is not an object");
    sdk::Segment s;
    s.start = number(u, "start", at);
    s.end = number(u, "end", at);
    const json& t = member(u, "transcript", at);
    if (!t.is_string()) off_contract(at + ".transcript is not a string");
    s.text = t.get<std::string>();
    s.speaker = opt_int(u, "speaker");
    if (multichannel) s.channel = opt_int(u, "channel").value_or(0);
    s.confidence = opt_number(u, "confidence");
    if (auto w = u.find("words"); w != u.end() && w->is_array())
      s.words = read_words(*w, s.channel, at + ".words");
    out.push_back(std::move(s));
  }
  return out;
}

// Paragraph segments take the channel's words that start inside them.
std::vector<sdk::Segment> from_paragraphs(const ChannelResult& c,
                                          std::optional<int> channel) {
  std::vector<sdk::Segment> out;
  for (const json& p : *c.paragraphs) {
    if (!p.is_object()) off_contract("a paragraph is not an object");
    sdk::Segment s;
    s.start = number(p, "start", "paragraph");
    s.end = number(p, "end", "paragraph");
    s.speaker = opt_int(p, "speaker");
    s.channel = channel;
    if (auto sentences = p.find("sentences");
        sentences != p.end() && sentences->is_array())
      for (const json& sentence : *sentences) {
        std::string text = opt_string(sentence, "text");
        if (text.empty()) continue;
        if (!s.text.empty()) s.text += ' ';
        s.text += text;
      }
    double confidence_sum = 0;
    int confident = 0;
    for (const auto& w : c.words)
      if (w.start >= s.start && w.start < s.end) {
        s.words.push_back(w);
        if (w.confidence) confidence_sum += *w.confidence, ++confident;
      }
    if (confident) s.confidence = confidence_sum / confident;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<sdk::Segment> whole_channel(const ChannelResult& c,
                                          std::optional<int> channel) {
  if (c.transcript.empty() && c.words.empty()) return std::nullopt;
  sdk::Segment s;
  s.text = c.transcript;
  s.channel = channel;
  s.confidence = c.confidence;
  s.words = c.words;
  if (!c.words.empty()) {
    s.start = c.words.front().start;
    s.end = c.words.back().end;
  }
  return s;
}

template <class T>
void sort_by_time(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.channel.value_or(0) < b.channel.value_or(0);
  });
}

std::string model_name(const json& metadata) {
  auto info = metadata.find("model_info");
  if (info == metadata.end() || !info->is_object() || info->empty()) return "";
  // model_info is keyed by the uuids listed in metadata.models.
  if (auto models = metadata.find("models");
      models != metadata.end() && models->is_array() && !models->empty() &&
      (*models)[0].is_string())
    if (auto m = info->find((*models)[0].get<std::string>()); m != info->end())
      return opt_string(*m, "name");
  return opt_string(info->begin().value(), "name");
}

sdk::Transcript map(const json& j, const ListenOptions& o) {
  if (!j.is_object()) off_contract("the body is not a JSON object");
  if (!j.contains("results") && j.contains("request_id"))
    off_contract(
        "a callback acknowledgement instead of a transcript (callback "
        "requests are not supported)");
  const json& metadata = member(j, "metadata", "response");
  const json& results = member(j, "results", "response");
  if (!metadata.is_object()) off_contract("metadata is not an object");
  if (!results.is_object()) off_contract("results is not an object");
  const json& channels = array(results, "channels", "results");
  if (channels.empty()) off_contract("results.channels is empty");

  const bool multi = o.multichannel || channels.size() > 1;
  std::vector<ChannelResult> chans;
  for (size_t i = 0; i < channels.size(); ++i)
    chans.push_back(read_channel(channels[i], i, multi));

  sdk::Transcript t;
  t.provider = "deepgram";
  t.duration = number(metadata, "duration", "metadata");
  t.usage.audio_seconds = t.duration;
  t.usage.requests = 1;
  t.model = model_name(metadata);
  if (t.model.empty()) t.model = o.model;
  t.language = o.language ? o.language : chans[0].detected_language;
  if (!o.language) t.language_confidence = chans[0].language_confidence;

  for (size_t i = 0; i < chans.size(); ++i) {
    auto& c = chans[i];
    std::optional<int> ch;
    if (multi) ch = static_cast<int>(i);
    t.words.insert(t.words.end(), c.words.begin(), c.words.end());
    if (multi) {
      sdk::Channel out;
      out.index = static_cast<int>(i);
      out.text = c.transcript;
      out.language = c.detected_language ? c.detected_language : o.language;
      t.channels.push_back(std::move(out));
      if (!c.transcript.empty())
        t.text += (t.text.empty() ? "" : "\n") + c.transcript;
    }
  }
  if (!multi) t.text = chans[0].transcript;

  auto utterances = results.find("utterances");
  if (utterances != results.end() && !utterances->is_null()) {
    if (!utterances->is_array())
      off_contract("results.utterances is not an array");
    t.segments = from_utterances(*utterances, multi);
  } else {
    for (size_t i = 0; i < chans.size(); ++i) {
      std::optional<int> ch;
      if (multi) ch = static_cast<int>(i);
      if (chans[i].paragraphs) {
        auto segs = from_paragraphs(chans[i], ch);
        t.segments.insert(t.segments.end(), segs.begin(), segs.end());
      } else if (auto s = whole_channel(chans[i], ch)) {
        t.segments.push_back(std::move(*s));
      }
    }
  }
  sort_by_time(t.segments);
  sort_by_time(t.words);
  for (size_t i = 0; i < t.segments.size(); ++i)
    t.segments[i].id = static_cast<int>(i);

  std::set<int> speakers;
  for (const auto& w : t.words)
    if (w.speaker) speakers.insert(*w.speaker);
  for (const auto& s : t.segments)
    if (s.speaker) speakers.insert(*s.speaker);
  t.speakers.assign(speakers.begin(), speakers.end());
  return t;
}

}  // namespace

sdk::Transcript map_listen_response(std::string_view body,
                                    const ListenOptions& options) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) off_contract("the body is not JSON");
  try {
    return map(j, options);
  } catch (const json::exception& e) {
    // Without this the plugin barrier would call it a bad argument.
    off_contract(e.what());
  }
}

}  // namespace aihost::deepgram
