// The input JSON of each pipeline job type, read into the steps' requests.
// Anything malformed is a StepError "invalid_request" naming the field.
//
// Shared fields:
//   "features": the tenant's features as the API admitted the job
//     {"pii_redaction_enabled": bool, "pii_entity_types": [string],
//      "pii_confidence_threshold": number, "summary_enabled": bool,
//      "sentiment_enabled": bool, "coaching_enabled": bool,
//      "max_audio_duration_seconds": integer}; every field optional.
//
// "transcription" (audio in the job's blob, a WAV file):
//   {"dual_channel": bool = false, "language": string, "roles": [string,
//    string] = ["agent", "customer"], "diarize": bool = false,
//    "provider": string, "features": {...}}
// "redaction":
//   {"text": string} or {"segments": [{id, start, end, text, speaker?,
//    channel?, role?}]}, with "entity_types": [string],
//    "score_threshold": 0..1, "method": "replace"|"mask"|"redact"|"hash",
//    "language": string = "en", "provider": string, "features": {...}.
//    Entity types and threshold default to the tenant's features.
// "summary", "sentiment", "coaching":
//   {"text": string} or {"transcript": {"segments": [...], ...}}, with
//    "provider": string, "model": string.
// "call_analysis" (audio in the blob):
//   the transcription fields, plus "redact", "summary", "sentiment",
//   "coaching": bool = true (a step also needs the tenant's feature),
//   "redaction": {"entity_types", "score_threshold", "method"},
//   "providers": {"transcription", "redaction", "llm": string},
//   "model": string (for the LLM steps).
#pragma once

#include "pipelines/llm_task.hpp"
#include "pipelines/redact_step.hpp"
#include "pipelines/transcribe_step.hpp"
#include "storage/tenant_feature_repository.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace aihost::pipelines {

// The tenant's features as a job input carries them; unknown means allowed.
struct JobFeatures {
  std::optional<bool> pii_redaction;
  std::optional<bool> summary;
  std::optional<bool> sentiment;
  std::optional<bool> coaching;
  std::vector<std::string> pii_entity_types;
  std::optional<double> pii_confidence_threshold;
  std::optional<double> max_audio_seconds;
};

// The "features" object the API puts into a job's input.
nlohmann::json features_input(const storage::TenantFeatures& features);

JobFeatures read_features(const nlohmann::json& input);
TranscribeRequest read_transcription(const nlohmann::json& input);
RedactRequest read_redaction(const nlohmann::json& input);
TaskInput read_task_input(const nlohmann::json& input);
LlmTaskOptions read_task_options(const nlohmann::json& input);

struct CallAnalysisRequest {
  TranscribeRequest transcription;
  RedactRequest redaction;  // text and segments unset: filled by the step
  bool redact = true;
  bool summary = true;
  bool sentiment = true;
  bool coaching = true;
  LlmTaskOptions llm;
  JobFeatures features;
};

CallAnalysisRequest read_call_analysis(const nlohmann::json& input);

}  // namespace aihost::pipelines
