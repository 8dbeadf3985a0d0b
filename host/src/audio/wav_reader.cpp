#include "audio/audio_error.hpp"
#include "audio/wav.hpp"

#include <cstdio>
#include <cstring>
#include <optional>

namespace aihost::audio {
namespace {

constexpr uint16_t kTagPcm = 0x0001;
constexpr uint16_t kTagFloat = 0x0003;
constexpr uint16_t kTagExtensible = 0xFFFE;
// Writers that stream to a pipe cannot know the length and put this here.
constexpr uint32_t kUnknownSize = 0xFFFFFFFFu;
// The KSDATAFORMAT_SUBTYPE_* GUIDs differ from each other only in their
// first two bytes, which carry the classic format tag.
constexpr unsigned char kSubformatTail[14] = {0x00, 0x00, 0x00, 0x00, 0x10,
                                              0x00, 0x80, 0x00, 0x00, 0xAA,
                                              0x00, 0x38, 0x9B, 0x71};
constexpr uint16_t kMaxChannels = 64;

uint16_t u16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) |
                               (static_cast<unsigned char>(b[at + 1]) << 8));
}
uint32_t u32(std::string_view b, size_t at) {
  return uint32_t{u16(b, at)} | (uint32_t{u16(b, at + 2)} << 16);
}

[[noreturn]] void invalid(const std::string& why) {
  throw AudioError(kAudioInvalid, "invalid WAV audio: " + why);
}
[[noreturn]] void unsupported(const std::string& why) {
  throw AudioError(kAudioUnsupported, "unsupported WAV audio: " + why);
}

WavFormat parse_fmt(std::string_view fmt) {
  if (fmt.size() < 16)
    invalid("fmt chunk is " + std::to_string(fmt.size()) +
            " bytes, at least 16 are needed");
  uint16_t tag = u16(fmt, 0);
  WavFormat f;
  f.channels = u16(fmt, 2);
  f.sample_rate = u32(fmt, 4);
  uint16_t block_align = u16(fmt, 12);
  f.bits_per_sample = u16(fmt, 14);

  if (tag == kTagExtensible) {
    if (fmt.size() < 40 || u16(fmt, 16) < 22)
      invalid("WAVE_FORMAT_EXTENSIBLE fmt chunk is too short");
    f.extensible = true;
    f.valid_bits = u16(fmt, 18);
    f.channel_mask = u32(fmt, 20);
    if (std::memcmp(fmt.data() + 26, kSubformatTail, sizeof(kSubformatTail)) !=
        0)
      unsupported(
          "WAVE_FORMAT_EXTENSIBLE sub-format is not a PCM or float GUID");
    tag = u16(fmt, 24);
    if (f.valid_bits > f.bits_per_sample)
      invalid("valid bits per sample (" + std::to_string(f.valid_bits) +
              ") exceed the container size (" +
              std::to_string(f.bits_per_sample) + ")");
  }

  if (f.channels == 0) invalid("zero channels");
  if (f.channels > kMaxChannels)
    unsupported(std::to_string(f.channels) + " channels (at most " +
                std::to_string(kMaxChannels) + ")");
  if (f.sample_rate == 0) invalid("zero sample rate");

  if (tag == kTagPcm) {
    f.encoding = SampleEncoding::kPcm;
    if (f.bits_per_sample != 8 && f.bits_per_sample != 16 &&
        f.bits_per_sample != 24 && f.bits_per_sample != 32)
      unsupported("PCM with " + std::to_string(f.bits_per_sample) +
                  " bits per sample");
  } else if (tag == kTagFloat) {
    f.encoding = SampleEncoding::kFloat;
    if (f.bits_per_sample != 32 && f.bits_per_sample != 64)
      unsupported("IEEE float with " + std::to_string(f.bits_per_sample) +
                  " bits per sample");
  } else {
    char hex[8];
    std::snprintf(hex, sizeof(hex), "0x%04X", tag);
    unsupported(std::string("format tag ") + hex +
                " (only PCM and IEEE float are handled)");
  }
  if (block_align != f.block_align())
    invalid("block align " + std::to_string(block_align) + " does not match " +
            std::to_string(f.channels) + " channels of " +
            std::to_string(f.bits_per_sample) + " bits");
  return f;
}

}  // namespace

Wav parse_wav(std::string_view bytes) {
  if (bytes.size() < 12) invalid("file is shorter than a RIFF header");
  std::string_view magic = bytes.substr(0, 4);
  if (magic == "RIFX" || magic == "RF64")
    unsupported(std::string(magic) + " container (only little-endian RIFF)");
  if (magic != "RIFF") invalid("not a RIFF file");
  if (bytes.substr(8, 4) != "WAVE") invalid("RIFF form type is not WAVE");

  // The RIFF size is often wrong in files written by streaming tools; the
  // chunks themselves are what is checked.
  std::optional<WavFormat> format;
  std::optional<std::string_view> data;
  size_t pos = 12;
  while (pos + 8 <= bytes.size()) {
    std::string_view id = bytes.substr(pos, 4);
    uint32_t size = u32(bytes, pos + 4);
    size_t body = pos + 8;
    size_t remaining = bytes.size() - body;
    if (id == "data") {
      if (data) invalid("more than one data chunk");
      if (size == kUnknownSize) size = static_cast<uint32_t>(remaining);
      if (size > remaining)
        invalid("data chunk declares " + std::to_string(size) +
                " bytes but only " + std::to_string(remaining) + " follow");
      data = bytes.substr(body, size);
    } else {
      if (size > remaining)
        invalid("chunk '" + std::string(id) + "' declares " +
                std::to_string(size) + " bytes but only " +
                std::to_string(remaining) + " follow");
      if (id == "fmt ") {
        if (format) invalid("more than one fmt chunk");
        format = parse_fmt(bytes.substr(body, size));
      }
    }
    // Chunks start on even offsets: an odd-sized chunk is followed by a pad
    // byte that its size does not count.
    pos = body + size + (size & 1u);
    if (data && format) break;
  }
  if (!format) invalid("no fmt chunk");
  if (!data) invalid("no data chunk");
  if (data->size() % format->block_align() != 0)
    invalid("data chunk of " + std::to_string(data->size()) +
            " bytes is not a whole number of " +
            std::to_string(format->block_align()) + "-byte frames");
  return Wav{*format, std::string(*data)};
}

}  // namespace aihost::audio
