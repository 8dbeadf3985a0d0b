#include "pipelines/step_error.hpp"

#include "gateway/provider_failure.hpp"

namespace aihost::pipelines {

StepError provider_failure(const plugins::Outcome& outcome,
                           const std::string& what) {
  gateway::FailureClass m = gateway::classify(outcome.status);
  // A job stopped by its own cancellation ends like one cancelled between
  // steps.
  if (outcome.status == AIHOST_CANCELLED) m.code = kJobCancelled;
  std::string message = what +
                        " failed: " + plugins::status_name(outcome.status) +
                        (outcome.message.empty() ? "" : ": " + outcome.message);
  if (outcome.http_status > 0)
    message += " (HTTP " + std::to_string(outcome.http_status) + ")";
  return StepError(m.code, message, m.retryable);
}

StepError gateway_refusal(const gateway::GatewayError& error) {
  return StepError(error.code, error.what(), error.http_status >= 500);
}

}  // namespace aihost::pipelines
