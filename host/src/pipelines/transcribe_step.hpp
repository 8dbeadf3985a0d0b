// The transcription step: audio in, a Transcript out, through governed
// audio.transcribe calls. A two-party call recorded on two channels goes to
// the provider in one multichannel call when its route offers
// aihost.audio.multichannel/1, else as two mono halves transcribed
// concurrently and merged by time; every turn then carries its role.
#pragma once

#include "gateway/provider_call.hpp"
#include "pipelines/call_scope.hpp"

#include <aihost/results.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace aihost::pipelines {

struct TranscribeRequest {
  bool dual_channel = false;
  std::optional<std::string> language;  // ISO-639-1; none: detect
  std::array<std::string, 2> roles{"agent", "customer"};  // of channel 0, 1
  bool diarize = false;                                   // mono recordings
  std::optional<std::string> provider;      // else routing decides
  std::optional<double> max_audio_seconds;  // the tenant's limit
};

struct TranscribeRun {
  sdk::Transcript transcript;
  std::string provider;
  std::string model;
  // "mono", "multichannel" (one call) or "split" (one call per channel).
  std::string route;
  int64_t provider_ms = 0;  // summed over the calls
};

// Throws StepError: audio_invalid / audio_unsupported / audio_mismatch for
// unusable audio (WAV is required, since its header gives the duration
// admission reserves against), audio_too_long over the limit,
// invalid_request for bad options, and provider or gateway failures.
TranscribeRun transcribe_audio(gateway::ProviderCaller& caller,
                               const CallScope& scope, std::string_view audio,
                               const TranscribeRequest& request);

}  // namespace aihost::pipelines
