// The "call_analysis" job: a recorded call transcribed, its personal data
// removed, then summarised, its sentiment read and the agent coached, each
// LLM step reading the redacted transcript only.
//
//   transcribe  0 -> 40    redact  -> 55 (skipped when off)
//   summary    -> 70       sentiment -> 85      coaching -> 100
#pragma once

#include "jobs/job_context.hpp"
#include "pipelines/handlers.hpp"

#include <nlohmann/json.hpp>

namespace aihost::pipelines {

nlohmann::json run_call_analysis(jobs::JobContext& ctx,
                                 const PipelineDeps& deps);

}  // namespace aihost::pipelines
