#include "fakes/fake_deepgram_wav.hpp"

namespace aihost::fakes {
namespace {

uint32_t le(std::string_view b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
  return v;
}

}  // namespace

uint64_t WavProbe::frames() const {
  size_t align = size_t{channels} * (bits_per_sample / 8);
  return align ? data.size() / align : 0;
}

double WavProbe::duration() const {
  return sample_rate ? static_cast<double>(frames()) / sample_rate : 0.0;
}

std::optional<int64_t> WavProbe::first_sample(int channel) const {
  const int width = bits_per_sample / 8;
  if (format_tag != 1 || channel < 0 || channel >= channels || frames() == 0)
    return std::nullopt;
  uint32_t raw = le(data, static_cast<size_t>(channel * width), width);
  if (width == 1) return static_cast<int64_t>(raw) - 128;  // unsigned 8-bit
  int shift = 64 - 8 * width;
  return static_cast<int64_t>(static_cast<uint64_t>(raw) << shift) >> shift;
}

std::optional<WavProbe> probe_wav(std::string_view b) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE")
    return std::nullopt;
  WavProbe p;
  bool have_fmt = false, have_data = false;
  for (size_t pos = 12; pos + 8 <= b.size();) {
    std::string_view id = b.substr(pos, 4);
    uint32_t size = le(b, pos + 4, 4);
    size_t body = pos + 8;
    if (size > b.size() - body) return std::nullopt;
    if (id == "fmt ") {
      if (size < 16) return std::nullopt;
      p.format_tag = static_cast<uint16_t>(le(b, body, 2));
      p.channels = static_cast<uint16_t>(le(b, body + 2, 2));
      p.sample_rate = le(b, body + 4, 4);
      p.bits_per_sample = static_cast<uint16_t>(le(b, body + 14, 2));
      if (p.format_tag == 0xFFFE) {
        if (size < 40) return std::nullopt;
        p.format_tag = static_cast<uint16_t>(le(b, body + 24, 2));
      }
      have_fmt = true;
    } else if (id == "data") {
      p.data = b.substr(body, size);
      have_data = true;
    }
    pos = body + size + (size & 1u);
  }
  if (!have_fmt || !have_data || p.channels == 0 || p.sample_rate == 0 ||
      p.bits_per_sample % 8 != 0 || p.bits_per_sample == 0 ||
      (p.format_tag != 1 && p.format_tag != 3))
    return std::nullopt;
  return p;
}

}  // namespace aihost::fakes
