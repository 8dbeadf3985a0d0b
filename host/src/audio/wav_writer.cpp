#include "audio/wav.hpp"

#include "audio/audio_error.hpp"

#include <limits>

namespace aihost::audio {
namespace {

void put16(std::string& out, uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>(v >> 8);
}
void put32(std::string& out, uint32_t v) {
  put16(out, static_cast<uint16_t>(v & 0xFFFF));
  put16(out, static_cast<uint16_t>(v >> 16));
}

uint16_t classic_tag(SampleEncoding e) {
  return e == SampleEncoding::kFloat ? 0x0003 : 0x0001;
}

std::string fmt_body(const WavFormat& f) {
  std::string b;
  put16(b, f.extensible ? 0xFFFE : classic_tag(f.encoding));
  put16(b, f.channels);
  put32(b, f.sample_rate);
  put32(b, f.sample_rate * f.block_align());
  put16(b, static_cast<uint16_t>(f.block_align()));
  put16(b, f.bits_per_sample);
  if (f.extensible) {
    put16(b, 22);
    put16(b, f.valid_bits ? f.valid_bits : f.bits_per_sample);
    put32(b, f.channel_mask);
    put16(b, classic_tag(f.encoding));
    b.append("\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38\x9B\x71", 14);
  } else if (f.encoding == SampleEncoding::kFloat) {
    put16(b, 0);  // cbSize: non-PCM formats carry it even when empty
  }
  return b;
}

void put_chunk(std::string& out, std::string_view id, std::string_view body) {
  out.append(id);
  put32(out, static_cast<uint32_t>(body.size()));
  out.append(body);
  if (body.size() & 1u) out += '\0';
}

}  // namespace

bool WavFormat::same_sample_layout(const WavFormat& o) const {
  return encoding == o.encoding && sample_rate == o.sample_rate &&
         bits_per_sample == o.bits_per_sample && extensible == o.extensible &&
         (valid_bits ? valid_bits : bits_per_sample) ==
             (o.valid_bits ? o.valid_bits : o.bits_per_sample);
}

uint64_t Wav::frames() const {
  uint32_t align = format.block_align();
  return align ? data.size() / align : 0;
}

double Wav::duration_seconds() const {
  return format.sample_rate ? static_cast<double>(frames()) / format.sample_rate
                            : 0.0;
}

std::string write_wav(const Wav& wav) {
  if (wav.format.channels == 0 || wav.format.bytes_per_sample() == 0 ||
      wav.data.size() % wav.format.block_align() != 0)
    throw AudioError(kAudioInvalid,
                     "cannot write WAV: sample data does not fit the format");
  std::string fmt = fmt_body(wav.format);
  bool needs_fact =
      wav.format.extensible || wav.format.encoding != SampleEncoding::kPcm;
  uint64_t total = 4 + 8 + fmt.size() + (needs_fact ? 12 : 0) + 8 +
                   wav.data.size() + (wav.data.size() & 1u);
  if (total > std::numeric_limits<uint32_t>::max())
    throw AudioError(kAudioUnsupported,
                     "cannot write WAV: audio exceeds the 4 GiB RIFF limit");

  std::string out;
  out.reserve(static_cast<size_t>(total) + 8);
  out.append("RIFF");
  put32(out, static_cast<uint32_t>(total));
  out.append("WAVE");
  put_chunk(out, "fmt ", fmt);
  if (needs_fact) {
    // Non-PCM files are expected to state their length in frames.
    std::string fact;
    put32(fact, static_cast<uint32_t>(wav.frames()));
    put_chunk(out, "fact", fact);
  }
  put_chunk(out, "data", wav.data);
  return out;
}

}  // namespace aihost::audio
