#include "audio/wav_channels.hpp"

#include "audio/audio_error.hpp"

#include <algorithm>

namespace aihost::audio {
namespace {

// Unsigned 8-bit PCM is centred on 128; every other layout on zero.
char silence_byte(const WavFormat& f) {
  return (f.encoding == SampleEncoding::kPcm && f.bits_per_sample == 8)
             ? static_cast<char>(0x80)
             : '\0';
}

}  // namespace

std::vector<Wav> split_channels(const Wav& wav) {
  const WavFormat& in = wav.format;
  const size_t width = in.bytes_per_sample();
  const size_t stride = in.block_align();
  const uint64_t frames = wav.frames();
  std::vector<Wav> out;
  out.reserve(in.channels);
  for (uint16_t ch = 0; ch < in.channels; ++ch) {
    Wav mono;
    mono.format = in;
    mono.format.channels = 1;
    // A speaker position from the source mask would be misleading in a
    // mono file made from one of its channels.
    mono.format.channel_mask = 0;
    mono.data.resize(static_cast<size_t>(frames) * width);
    const char* src = wav.data.data() + ch * width;
    char* dst = mono.data.data();
    for (uint64_t i = 0; i < frames; ++i, src += stride, dst += width)
      std::copy(src, src + width, dst);
    out.push_back(std::move(mono));
  }
  return out;
}

Wav interleave_channels(const std::vector<Wav>& inputs) {
  if (inputs.empty())
    throw AudioError(kAudioMismatch, "no channels to interleave");
  if (inputs.size() > 64)
    throw AudioError(kAudioUnsupported, "too many channels to interleave");
  const WavFormat& first = inputs.front().format;
  uint64_t frames = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const WavFormat& f = inputs[i].format;
    if (f.channels != 1)
      throw AudioError(kAudioMismatch,
                       "input " + std::to_string(i) + " has " +
                           std::to_string(f.channels) +
                           " channels; only mono inputs can be interleaved");
    if (!f.same_sample_layout(first))
      throw AudioError(kAudioMismatch,
                       "input " + std::to_string(i) +
                           " has a different sample rate or sample format "
                           "than input 0");
    frames = std::max(frames, inputs[i].frames());
  }

  Wav out;
  out.format = first;
  out.format.channels = static_cast<uint16_t>(inputs.size());
  out.format.channel_mask = 0;
  const size_t width = first.bytes_per_sample();
  const size_t stride = out.format.block_align();
  out.data.assign(static_cast<size_t>(frames) * stride, silence_byte(first));
  for (size_t ch = 0; ch < inputs.size(); ++ch) {
    const char* src = inputs[ch].data.data();
    char* dst = out.data.data() + ch * width;
    for (uint64_t i = 0, n = inputs[ch].frames(); i < n;
         ++i, src += width, dst += stride)
      std::copy(src, src + width, dst);
  }
  return out;
}

}  // namespace aihost::audio
