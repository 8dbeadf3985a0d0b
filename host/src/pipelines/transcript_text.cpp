#include "pipelines/transcript_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace aihost::pipelines {

std::string clock_time(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  auto total = static_cast<long long>(std::floor(seconds));
  long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
  char buf[32];
  if (h > 0)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", h, m, s);
  else
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", m, s);
  return buf;
}

std::string speaker_label(const sdk::Segment& segment) {
  if (segment.role && !segment.role->empty()) {
    std::string label = *segment.role;
    label[0] =
        static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    return label;
  }
  if (segment.speaker) return "Speaker " + std::to_string(*segment.speaker + 1);
  if (segment.channel) return "Channel " + std::to_string(*segment.channel + 1);
  return "Speaker";
}

std::string render_transcript(const sdk::Transcript& transcript) {
  if (transcript.segments.empty()) return transcript.text;
  std::string out;
  for (const auto& s : transcript.segments) {
    if (s.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    std::string text = s.text;
    // One turn, one line: a newline inside a turn would forge a new speaker.
    for (char& c : text)
      if (c == '\n' || c == '\r') c = ' ';
    size_t b = text.find_first_not_of(' ');
    if (!out.empty()) out += '\n';
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on
    // one long chain of operator+.
    out += '[';
    out += clock_time(s.start);
    out += "] ";
    out += speaker_label(s);
    out += ": ";
    out.append(text, b, std::string::npos);
  }
  return out;
}

}  // namespace aihost::pipelines
