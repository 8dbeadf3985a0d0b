#include "audio/transcript_merge.hpp"

#include <algorithm>
#include <set>

namespace aihost::audio {
namespace {

const std::string& role_of(int channel, const ChannelRoles& roles) {
  if (channel < 0 || static_cast<size_t>(channel) >= roles.size())
    throw TranscriptShapeError("channel " + std::to_string(channel) +
                               " has no role (" + std::to_string(roles.size()) +
                               " channels expected)");
  return roles[static_cast<size_t>(channel)];
}

template <class T>
void sort_by_time(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.channel.value_or(0) < b.channel.value_or(0);
  });
}

void add_usage(sdk::Usage& sum, const sdk::Usage& u) {
  sum.input_tokens += u.input_tokens;
  sum.output_tokens += u.output_tokens;
  sum.cached_tokens += u.cached_tokens;
  sum.reasoning_tokens += u.reasoning_tokens;
  sum.audio_input_tokens += u.audio_input_tokens;
  sum.audio_seconds += u.audio_seconds;
  sum.characters += u.characters;
  sum.requests += u.requests;
}

}  // namespace

void label_channels(sdk::Transcript& t, const ChannelRoles& roles) {
  for (size_t i = 0; i < t.segments.size(); ++i) {
    auto& s = t.segments[i];
    if (!s.channel)
      throw TranscriptShapeError("segment " + std::to_string(i) +
                                 " has no channel");
    s.role = role_of(*s.channel, roles);
    for (auto& w : s.words)
      if (!w.channel) w.channel = s.channel;
  }
  for (size_t i = 0; i < t.words.size(); ++i) {
    if (!t.words[i].channel)
      throw TranscriptShapeError("word " + std::to_string(i) +
                                 " has no channel");
    role_of(*t.words[i].channel, roles);
  }
  for (auto& c : t.channels) c.role = role_of(c.index, roles);

  sort_by_time(t.segments);
  sort_by_time(t.words);
  for (size_t i = 0; i < t.segments.size(); ++i)
    t.segments[i].id = static_cast<int>(i);
  if (!t.segments.empty()) {
    std::string text;
    for (const auto& s : t.segments) {
      if (s.text.empty()) continue;
      if (!text.empty()) text += '\n';
      text += s.text;
    }
    t.text = std::move(text);
  }
}

sdk::Transcript merge_channel_transcripts(
    const std::vector<sdk::Transcript>& parts, const ChannelRoles& roles) {
  sdk::Transcript out;
  out.usage.requests = 0;
  std::set<int> speakers;
  std::vector<std::string> texts;
  for (size_t i = 0; i < parts.size(); ++i) {
    const sdk::Transcript& p = parts[i];
    const int ch = static_cast<int>(i);
    if (out.provider.empty()) out.provider = p.provider;
    if (out.model.empty()) out.model = p.model;
    if (!out.language && p.language) {
      out.language = p.language;
      out.language_confidence = p.language_confidence;
    }
    out.duration = std::max(out.duration, p.duration);
    add_usage(out.usage, p.usage);
    for (auto s : p.segments) {
      s.channel = ch;
      for (auto& w : s.words) w.channel = ch;
      out.segments.push_back(std::move(s));
    }
    for (auto w : p.words) {
      w.channel = ch;
      out.words.push_back(std::move(w));
    }
    speakers.insert(p.speakers.begin(), p.speakers.end());
    sdk::Channel c;
    c.index = ch;
    c.text = p.text;
    c.language = p.language;
    out.channels.push_back(std::move(c));
    if (!p.text.empty()) texts.push_back(p.text);
  }
  out.speakers.assign(speakers.begin(), speakers.end());
  // Used only when no part has segments; otherwise rebuilt in time order.
  for (const auto& t : texts) out.text += (out.text.empty() ? "" : "\n") + t;
  label_channels(out, roles);
  return out;
}

}  // namespace aihost::audio
