// The pipeline job types and their handlers. job_inputs.hpp documents each
// type's input JSON; the results are:
//
// "transcription": {"transcript": Transcript, "route": "mono" |
//   "multichannel" | "split", "provider", "model", "audio_seconds"}
// "redaction": {"text" | "segments" (redacted, timings kept), "entities"
//   (types, offsets and scores; never the found text), "summary":
//   {"total", "by_type"}, "provider"}
// "summary" / "sentiment" / "coaching": {"task": {"id", "version"},
//   "output": the answer (valid against the task's schema), "provider",
//   "model", "attempts"}
// "call_analysis": {"transcript" (redacted when redaction ran),
//   "redaction": {"total", "by_type"} | null, "summary" | null,
//   "sentiment" | null, "coaching" | null, "steps": [{"name", "status":
//   "completed" | "skipped", "resumed"?, "reason"?, "provider", "model",
//   "duration_ms"}]}
//
// Failures are jobs::JobFailure with the StepError codes (step_error.hpp),
// the audio codes (audio_invalid, audio_unsupported, audio_mismatch) and
// job_cancelled.
#pragma once

#include "gateway/provider_call.hpp"
#include "jobs/job_context.hpp"
#include "pipelines/task_catalog.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace aihost::pipelines {

struct PipelineDeps {
  gateway::ProviderCaller& caller;
  const TaskCatalog& tasks;
  // Per provider call; none leaves it to the upstream's policy.
  std::optional<std::chrono::milliseconds> call_timeout;
};

// Adds the handlers of "transcription", "redaction", "summary",
// "sentiment", "coaching" and "call_analysis" to `out`. `deps` must outlive
// the handlers.
void register_handlers(std::map<std::string, jobs::JobHandler>& out,
                       PipelineDeps deps);

}  // namespace aihost::pipelines
