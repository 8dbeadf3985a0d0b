// The redaction step: personal data taken out of a text or out of a
// transcript's turns (timings kept) through a governed pii.redact call.
#pragma once

#include "gateway/provider_call.hpp"
#include "pipelines/call_scope.hpp"

#include <aihost/results.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace aihost::pipelines {

struct RedactRequest {
  // One of the two.
  std::optional<std::string> text;
  std::optional<std::vector<sdk::Segment>> segments;

  std::vector<std::string> entity_types;  // empty: every type
  std::optional<double> score_threshold;  // 0..1
  std::string method = "replace";         // replace, mask, redact, hash
  std::string language = "en";
  std::optional<std::string> provider;
};

struct RedactRun {
  sdk::Redaction redaction;
  std::string provider;
  std::string model;
  int64_t provider_ms = 0;
};

// Throws StepError (invalid_request, provider or gateway failures).
RedactRun redact(gateway::ProviderCaller& caller, const CallScope& scope,
                 const RedactRequest& request);

// `transcript` with its turns replaced by the redacted ones. Words, and
// per-channel texts, are rebuilt from the redacted turns or dropped, since
// they would still hold what was removed.
sdk::Transcript apply_redaction(const sdk::Transcript& transcript,
                                const sdk::Redaction& redaction);

// What was found, without what it was: {"total": n, "by_type": {TYPE: n}}.
nlohmann::json redaction_summary(const sdk::Redaction& redaction);

}  // namespace aihost::pipelines
