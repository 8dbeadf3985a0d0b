#include "pipelines/transcribe_step.hpp"

#include "audio/audio_error.hpp"
#include "audio/dual_channel.hpp"
#include "audio/wav.hpp"
#include "pipelines/step_error.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace aihost::pipelines {
namespace {

using nlohmann::json;

constexpr const char* kStep = "transcription";

json transcribe_params(const TranscribeRequest& r, bool diarize) {
  json p = {{"punctuate", true}, {"utterances", true}};
  if (r.language && *r.language != "auto") p["language"] = *r.language;
  if (diarize) p["diarize"] = true;
  return p;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s);
  return buf;
}

// What the calls reported; the split route writes from two threads.
struct Calls {
  std::mutex mu;
  std::string provider, model;
  int64_t provider_ms = 0;

  void note(const gateway::CallReport& r) {
    std::lock_guard lock(mu);
    if (provider.empty()) provider = r.provider;
    if (model.empty()) model = r.model;
    provider_ms += r.provider_ms;
  }
};

gateway::CallReport call_or_refuse(gateway::ProviderCaller& caller,
                                   const gateway::ProviderCall& call) {
  try {
    return caller.call(call);
  } catch (const gateway::GatewayError& e) {
    throw gateway_refusal(e);
  }
}

sdk::Transcript read_transcript(const plugins::Outcome& out) {
  try {
    return out.result.get<sdk::Transcript>();
  } catch (const std::exception& e) {
    throw StepError("upstream_protocol_error",
                    std::string("transcription: the provider's transcript is "
                                "unreadable: ") +
                        e.what(),
                    true);
  }
}

}  // namespace

TranscribeRun transcribe_audio(gateway::ProviderCaller& caller,
                               const CallScope& scope, std::string_view audio,
                               const TranscribeRequest& request) {
  audio::Wav wav;
  try {
    wav = audio::parse_wav(audio);
  } catch (const audio::AudioError& e) {
    throw StepError(e.code(), e.what(), false);
  }
  const double seconds = wav.duration_seconds();
  if (request.max_audio_seconds && seconds > *request.max_audio_seconds)
    throw StepError(kAudioTooLong,
                    "the audio lasts " + seconds_text(seconds) +
                        " s, over this tenant's limit of " +
                        seconds_text(*request.max_audio_seconds) + " s",
                    false);
  if (request.dual_channel && wav.format.channels != 2)
    throw StepError(audio::kAudioMismatch,
                    "dual-channel transcription needs a 2-channel WAV, got " +
                        std::to_string(wav.format.channels) + " channel(s)",
                    false);

  gateway::ProviderCall base =
      scope.call(AIHOST_OP_AUDIO_TRANSCRIBE, "transcribe");
  base.provider = request.provider;
  base.expected.audio_seconds = seconds;
  base.invocation.payload_type = "audio/wav";
  Calls calls;
  TranscribeRun run;

  if (!request.dual_channel) {
    gateway::ProviderCall call = base;
    call.invocation.params = transcribe_params(request, request.diarize);
    call.invocation.payload = std::string(audio);
    call.shape.diarize = request.diarize;
    call.expected.shape = call.shape;
    gateway::CallReport report = call_or_refuse(caller, call);
    calls.note(report);
    if (!report.outcome.ok()) throw provider_failure(report.outcome, kStep);
    run.transcript = read_transcript(report.outcome);
    run.route = "mono";
  } else {
    bool native;
    try {
      native = caller.offers(base, AIHOST_EXT_AUDIO_MULTICHANNEL_V1);
    } catch (const gateway::GatewayError& e) {
      throw gateway_refusal(e);
    }
    std::atomic<int> n{0};
    audio::TranscribeCall transcribe = [&](plugins::Invocation inv) {
      gateway::ProviderCall call = base;
      bool multichannel = inv.params.value("multichannel", false);
      call.request_id = base.request_id + "/" + std::to_string(++n);
      call.invocation = std::move(inv);
      call.shape.channels = multichannel ? 2 : 1;
      call.expected.shape = call.shape;
      gateway::CallReport report = call_or_refuse(caller, call);
      calls.note(report);
      return report.outcome;
    };
    audio::DualChannelOptions options;
    options.roles = request.roles;
    options.params = transcribe_params(request, false);
    plugins::Outcome out;
    try {
      out = audio::transcribe_dual_channel(transcribe, native, audio, options);
    } catch (const audio::AudioError& e) {
      throw StepError(e.code(), e.what(), false);
    } catch (const std::invalid_argument& e) {
      throw StepError(kInvalidRequest, e.what(), false);
    }
    if (!out.ok()) throw provider_failure(out, kStep);
    run.transcript = read_transcript(out);
    run.route = native ? "multichannel" : "split";
  }
  run.provider = run.transcript.provider.empty() ? calls.provider
                                                 : run.transcript.provider;
  run.model = run.transcript.model.empty() ? calls.model : run.transcript.model;
  run.provider_ms = calls.provider_ms;
  if (run.transcript.duration <= 0) run.transcript.duration = seconds;
  return run;
}

}  // namespace aihost::pipelines
