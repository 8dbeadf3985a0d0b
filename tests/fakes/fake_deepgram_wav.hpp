// What the fake Deepgram needs to know about an uploaded WAV: enough to
// refuse a corrupt one and to answer with the real duration and channels.
// Written apart from the host's WAV code so that the fake checks it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace aihost::fakes {

struct WavProbe {
  uint16_t format_tag = 0;  // the effective tag (EXTENSIBLE resolved)
  uint16_t channels = 0;
  uint32_t sample_rate = 0;
  uint16_t bits_per_sample = 0;
  std::string_view data;  // the sample bytes

  uint64_t frames() const;
  double duration() const;
  // The first sample of `channel` as a signed integer (PCM only).
  std::optional<int64_t> first_sample(int channel) const;
};

// Null when the bytes are not a readable RIFF/WAVE file.
std::optional<WavProbe> probe_wav(std::string_view bytes);

}  // namespace aihost::fakes
