// RIFF/WAVE audio held as its format plus the interleaved sample bytes.
// Samples are moved as whole frames and never converted, so a split or an
// interleave is bit-exact.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aihost::audio {

enum class SampleEncoding { kPcm, kFloat };

struct WavFormat {
  SampleEncoding encoding = SampleEncoding::kPcm;
  uint16_t channels = 1;
  uint32_t sample_rate = 16000;
  uint16_t bits_per_sample = 16;  // container size of one sample
  // WAVE_FORMAT_EXTENSIBLE fields, kept so that a split file keeps its form.
  bool extensible = false;
  uint16_t valid_bits = 0;  // 0: same as bits_per_sample
  uint32_t channel_mask = 0;

  uint16_t bytes_per_sample() const { return bits_per_sample / 8; }
  uint32_t block_align() const {
    return uint32_t{channels} * bytes_per_sample();
  }
  // Same sample layout, ignoring the channel count and speaker mask.
  bool same_sample_layout(const WavFormat& o) const;
};

struct Wav {
  WavFormat format;
  std::string data;  // interleaved frames, little-endian as in the file

  uint64_t frames() const;
  double duration_seconds() const;
};

// Parses a whole WAV file. Throws AudioError (kAudioInvalid for a broken
// file, kAudioUnsupported for an encoding other than PCM 8/16/24/32-bit or
// IEEE float 32/64).
Wav parse_wav(std::string_view bytes);

// Serialises `wav` as a canonical RIFF/WAVE file.
std::string write_wav(const Wav& wav);

}  // namespace aihost::audio
