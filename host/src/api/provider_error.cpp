#include "api/provider_error.hpp"

#include "api/api_error.hpp"
#include "gateway/provider_failure.hpp"

namespace aihost::api {

void throw_provider_failure(Exchange& ex, const plugins::Outcome& outcome) {
  if (outcome.retry_after_ms >= 0)
    ex.response.set("Retry-After",
                    std::to_string((outcome.retry_after_ms + 999) / 1000));
  const auto failure = gateway::classify(outcome.status);
  throw ApiError(
      failure.http_status, failure.code,
      outcome.message.empty() ? "the provider call failed" : outcome.message);
}

}  // namespace aihost::api
