#include "audio/dual_channel.hpp"

#include "audio/audio_error.hpp"
#include "audio/transcript_merge.hpp"
#include "audio/wav.hpp"
#include "audio/wav_channels.hpp"

#include <aihost/results.hpp>

#include <future>
#include <optional>
#include <stdexcept>
#include <vector>

namespace aihost::audio {
namespace {

using plugins::Outcome;

constexpr const char* kWavType = "audio/wav";

void check_options(const DualChannelOptions& o) {
  for (size_t i = 0; i < o.roles.size(); ++i)
    if (o.roles[i].empty())
      throw std::invalid_argument("role of channel " + std::to_string(i) +
                                  " is empty");
  if (o.roles[0] == o.roles[1])
    throw std::invalid_argument("both channels have the role '" + o.roles[0] +
                                "'");
  if (!o.params.is_object())
    throw std::invalid_argument("transcription params must be a JSON object");
}

Outcome failed(aihost_status status, std::string message) {
  Outcome o;
  o.status = status;
  o.message = std::move(message);
  return o;
}

plugins::Invocation invocation(const DualChannelOptions& o, std::string audio,
                               bool multichannel) {
  plugins::Invocation inv;
  inv.operation = AIHOST_OP_AUDIO_TRANSCRIBE;
  inv.params = o.params;
  inv.params["multichannel"] = multichannel;
  inv.payload = std::move(audio);
  inv.payload_type = kWavType;
  inv.api_key = o.api_key;
  return inv;
}

// Reads a plugin's result; an unreadable one is a plugin bug.
bool read_transcript(Outcome& o, sdk::Transcript& t) {
  try {
    t = o.result.get<sdk::Transcript>();
    return true;
  } catch (const std::exception& e) {
    o = failed(AIHOST_INTERNAL,
               std::string("plugin returned a transcript the host cannot "
                           "read: ") +
                   e.what());
    return false;
  }
}

ChannelRoles roles_of(const DualChannelOptions& o) {
  return {o.roles[0], o.roles[1]};
}

Outcome native(const TranscribeCall& transcribe, std::string stereo,
               const DualChannelOptions& o) {
  Outcome out = transcribe(invocation(o, std::move(stereo), true));
  if (!out.ok()) return out;
  sdk::Transcript t;
  if (!read_transcript(out, t)) return out;
  try {
    label_channels(t, roles_of(o));
  } catch (const TranscriptShapeError& e) {
    return failed(
        AIHOST_UPSTREAM_PROTOCOL,
        (t.provider.empty() ? std::string("the provider") : t.provider) +
            " multichannel transcript is unusable: " + e.what());
  }
  out.result = t;
  return out;
}

Outcome split(const TranscribeCall& transcribe,
              std::array<std::string, 2> monos, const DualChannelOptions& o) {
  // Channel 1 on a second thread, channel 0 on this one.
  auto second = std::async(std::launch::async, [&] {
    return transcribe(invocation(o, std::move(monos[1]), false));
  });
  std::array<Outcome, 2> outs;
  try {
    outs[0] = transcribe(invocation(o, std::move(monos[0]), false));
  } catch (...) {
    second.wait();  // it uses this frame's monos and options
    throw;
  }
  outs[1] = second.get();

  std::vector<sdk::Transcript> parts(2);
  for (size_t ch = 0; ch < outs.size(); ++ch) {
    Outcome& half = outs[ch];
    if (half.ok() && read_transcript(half, parts[ch])) continue;
    half.message = "channel " + std::to_string(ch) + " (" + o.roles[ch] +
                   "): " + half.message;
    return half;
  }
  Outcome merged;
  merged.result = merge_channel_transcripts(parts, roles_of(o));
  return merged;
}

TranscribeCall direct(const plugins::ProviderInstance& provider,
                      const DualChannelOptions& o) {
  return [&provider, &o](plugins::Invocation inv) {
    return provider.invoke(inv, o.call);
  };
}

// Null when the provider can take the call; else why not.
std::optional<Outcome> refuse(const plugins::ProviderInstance& provider) {
  if (provider.library().offers(AIHOST_OP_AUDIO_TRANSCRIBE))
    return std::nullopt;
  return failed(AIHOST_UNSUPPORTED, provider.library().id() +
                                        " does not offer " +
                                        AIHOST_OP_AUDIO_TRANSCRIBE);
}

bool use_native(const plugins::ProviderInstance& provider,
                const DualChannelOptions& o) {
  return o.prefer_native && offers_native_multichannel(provider, 2);
}

Wav parse_mono(std::string_view bytes, int channel) {
  Wav w = parse_wav(bytes);
  if (w.format.channels != 1)
    throw AudioError(kAudioMismatch, "channel " + std::to_string(channel) +
                                         " audio has " +
                                         std::to_string(w.format.channels) +
                                         " channels; a mono WAV is needed");
  return w;
}

}  // namespace

bool offers_native_multichannel(const plugins::ProviderInstance& provider,
                                unsigned channels) {
  auto* ext = static_cast<const aihost_audio_multichannel_v1*>(
      provider.library().extension(AIHOST_EXT_AUDIO_MULTICHANNEL_V1));
  return ext && ext->struct_size >= sizeof(aihost_audio_multichannel_v1) &&
         ext->max_channels >= channels;
}

Outcome transcribe_dual_channel(const TranscribeCall& transcribe, bool native,
                                std::string_view stereo_wav,
                                const DualChannelOptions& options) {
  check_options(options);
  Wav wav = parse_wav(stereo_wav);
  if (wav.format.channels != 2)
    throw AudioError(kAudioMismatch,
                     "dual-channel transcription needs a 2-channel WAV, got " +
                         std::to_string(wav.format.channels) + " channel(s)");
  if (native && options.prefer_native)
    return audio::native(transcribe, std::string(stereo_wav), options);
  std::vector<Wav> monos = split_channels(wav);
  return split(transcribe, {write_wav(monos[0]), write_wav(monos[1])}, options);
}

Outcome transcribe_dual_channel(const plugins::ProviderInstance& provider,
                                std::string_view stereo_wav,
                                const DualChannelOptions& options) {
  check_options(options);
  Wav wav = parse_wav(stereo_wav);
  if (wav.format.channels != 2)
    throw AudioError(kAudioMismatch,
                     "dual-channel transcription needs a 2-channel WAV, got " +
                         std::to_string(wav.format.channels) + " channel(s)");
  if (auto refused = refuse(provider)) return *refused;
  return transcribe_dual_channel(direct(provider, options),
                                 use_native(provider, options), stereo_wav,
                                 options);
}

Outcome transcribe_dual_channel(const plugins::ProviderInstance& provider,
                                std::string_view channel0_wav,
                                std::string_view channel1_wav,
                                const DualChannelOptions& options) {
  check_options(options);
  Wav first = parse_mono(channel0_wav, 0);
  Wav second = parse_mono(channel1_wav, 1);
  if (!first.format.same_sample_layout(second.format))
    throw AudioError(kAudioMismatch,
                     "the two channels differ in sample rate or sample "
                     "format");
  if (auto refused = refuse(provider)) return *refused;
  if (use_native(provider, options))
    return native(direct(provider, options),
                  write_wav(interleave_channels({first, second})), options);
  // Each file already is the mono upload the split route needs.
  return split(direct(provider, options),
               {std::string(channel0_wav), std::string(channel1_wav)}, options);
}

}  // namespace aihost::audio
