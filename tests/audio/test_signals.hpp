// Test audio made in code: WAVs with known sample values per channel, and
// raw RIFF files assembled chunk by chunk for the broken cases.
#pragma once

#include "audio/wav.hpp"

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace aihost::audio::testing {

inline std::string le(uint64_t v, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i)
    out += static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

// A WAV whose sample (frame, channel) is sample(frame, channel), stored in
// the format's width (two's complement, or offset binary for 8-bit).
inline Wav make_wav(const WavFormat& format, size_t frames,
                    const std::function<int64_t(size_t, int)>& sample) {
  Wav w;
  w.format = format;
  const int width = format.bytes_per_sample();
  for (size_t f = 0; f < frames; ++f)
    for (int ch = 0; ch < format.channels; ++ch) {
      int64_t v = sample(f, ch);
      if (format.encoding == SampleEncoding::kFloat && width == 4) {
        float x = static_cast<float>(v) / 32768.0f;
        uint32_t bits;
        std::memcpy(&bits, &x, 4);
        w.data += le(bits, 4);
      } else if (format.encoding == SampleEncoding::kFloat) {
        double x = static_cast<double>(v) / 32768.0;
        uint64_t bits;
        std::memcpy(&bits, &x, 8);
        w.data += le(bits, 8);
      } else if (width == 1) {
        w.data += le(static_cast<uint64_t>(v + 128), 1);
      } else {
        w.data += le(static_cast<uint64_t>(v), width);
      }
    }
  return w;
}

inline WavFormat pcm(uint16_t channels, uint32_t rate = 8000,
                     uint16_t bits = 16) {
  WavFormat f;
  f.channels = channels;
  f.sample_rate = rate;
  f.bits_per_sample = bits;
  return f;
}

// Each channel holds one constant value, so a fake can tell them apart.
inline Wav constant_channels(std::vector<int16_t> levels, double seconds,
                             uint32_t rate = 8000) {
  auto frames = static_cast<size_t>(seconds * rate);
  return make_wav(
      pcm(static_cast<uint16_t>(levels.size()), rate), frames,
      [&](size_t, int ch) { return levels[static_cast<size_t>(ch)]; });
}

inline std::string chunk(const std::string& id, const std::string& body,
                         bool pad = true) {
  std::string c = id + le(body.size(), 4) + body;
  if (pad && (body.size() & 1u)) c += '\0';
  return c;
}

inline std::string fmt_body(uint16_t tag, uint16_t channels, uint32_t rate,
                            uint16_t bits, int block_align = -1) {
  uint16_t align = block_align >= 0
                       ? static_cast<uint16_t>(block_align)
                       : static_cast<uint16_t>(channels * bits / 8);
  return le(tag, 2) + le(channels, 2) + le(rate, 4) + le(rate * align, 4) +
         le(align, 2) + le(bits, 2);
}

inline std::string extensible_fmt_body(uint16_t sub_tag, uint16_t channels,
                                       uint32_t rate, uint16_t bits,
                                       uint16_t valid_bits, uint32_t mask) {
  return fmt_body(0xFFFE, channels, rate, bits) + le(22, 2) +
         le(valid_bits, 2) + le(mask, 4) + le(sub_tag, 2) +
         std::string("\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38\x9B\x71",
                     14);
}

inline std::string riff(const std::vector<std::string>& chunks,
                        const std::string& form = "WAVE") {
  std::string body = form;
  for (const auto& c : chunks) body += c;
  return "RIFF" + le(body.size(), 4) + body;
}

}  // namespace aihost::audio::testing
