// Why a pipeline step failed, with a stable code and whether trying the
// same step again later can succeed. Job handlers turn it into a
// jobs::JobFailure; the API maps the code onto its answer.
#pragma once

#include "gateway/provider_call.hpp"
#include "plugins/provider_instance.hpp"

#include <stdexcept>
#include <string>

namespace aihost::pipelines {

// Codes of failures the pipelines detect themselves.
inline constexpr const char* kInvalidRequest = "invalid_request";
inline constexpr const char* kAudioTooLong = "audio_too_long";
inline constexpr const char* kTaskOutputInvalid = "task_output_invalid";
inline constexpr const char* kModelRefused = "model_refused";
inline constexpr const char* kTaskNotFound = "task_not_found";
inline constexpr const char* kJobCancelled = "job_cancelled";

struct StepError : std::runtime_error {
  StepError(std::string code, const std::string& message, bool retryable)
      : std::runtime_error(message),
        code(std::move(code)),
        retryable(retryable) {}
  std::string code;
  bool retryable;
};

// A provider's failed outcome, classified by the gateway's table
// (gateway/provider_failure.hpp): rate_limited, upstream_unavailable,
// deadline_exceeded and upstream_protocol_error are worth retrying; the
// rest (upstream_auth_failed, upstream_quota_exceeded, invalid_request,
// ...) are not. `what` names the step ("summary"); the provider's message
// follows it.
StepError provider_failure(const plugins::Outcome& outcome,
                           const std::string& what);

// A refusal by the gateway before any provider call (budget, feature,
// configuration). Only a server-side refusal (5xx) is retryable.
StepError gateway_refusal(const gateway::GatewayError& error);

}  // namespace aihost::pipelines
