// Transcribing a two-party call recorded on two channels (agent and
// customer on their own channel), whichever way the provider can do it.
#pragma once

#include "plugins/provider_instance.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <string>
#include <string_view>

namespace aihost::audio {

struct DualChannelOptions {
  // roles[i] labels channel i.
  std::array<std::string, 2> roles{"agent", "customer"};
  // Use the provider's native multichannel transcription when it offers
  // aihost.audio.multichannel/1; false always splits the channels.
  bool prefer_native = true;
  // audio.transcribe params (language, diarize, ...); "multichannel" is set
  // by the route taken.
  nlohmann::json params = nlohmann::json::object();
  std::string api_key;
  plugins::CallOptions call;
};

// Makes one audio.transcribe call, however the caller reaches a provider
// (a plugin instance directly, or a governed call through the gateway).
// Called from two threads at once on the split route.
using TranscribeCall = std::function<plugins::Outcome(plugins::Invocation)>;

// True when `provider` transcribes `channels` channels in one call.
bool offers_native_multichannel(const plugins::ProviderInstance& provider,
                                unsigned channels = 2);

// Transcribes a 2-channel WAV. Natively in one call when offered and
// preferred; otherwise each channel as a mono WAV, both concurrently, merged
// by time. On success the result is a Transcript whose segments all carry
// `channel` and `role`. A failure of either half fails the whole with the
// provider's status. Throws AudioError for unusable audio and
// std::invalid_argument for bad options, before any provider call.
plugins::Outcome transcribe_dual_channel(
    const plugins::ProviderInstance& provider, std::string_view stereo_wav,
    const DualChannelOptions& options = {});

// The same through `transcribe`; `native` says whether the provider it
// reaches transcribes two channels in one call (the caller knows its
// route). The api_key of each invocation is options.api_key.
plugins::Outcome transcribe_dual_channel(
    const TranscribeCall& transcribe, bool native, std::string_view stereo_wav,
    const DualChannelOptions& options = {});

// The same for a call recorded as two mono WAVs of the same format
// (channel 0 first).
plugins::Outcome transcribe_dual_channel(
    const plugins::ProviderInstance& provider, std::string_view channel0_wav,
    std::string_view channel1_wav, const DualChannelOptions& options = {});

}  // namespace aihost::audio
