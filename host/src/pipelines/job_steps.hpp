// How a handler runs its steps on a JobContext: each step once, its output
// checkpointed, a finished step taken from its checkpoint when an earlier
// attempt got that far, cancellation checked before each step.
#pragma once

#include "jobs/job_context.hpp"
#include "pipelines/call_scope.hpp"

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace aihost::pipelines {

// What a finished step reports besides its output.
struct StepInfo {
  std::string provider;
  std::string model;
};

// The calls of `ctx`'s job: its tenant, id, usage sink and cancel flag.
CallScope scope_for(jobs::JobContext& ctx,
                    std::optional<std::chrono::milliseconds> timeout);

// Throws JobFailure "job_cancelled" when the job was cancelled.
void check_cancelled(const jobs::JobContext& ctx, const std::string& before);

// Runs `body` as step `name`, from progress `from` to `to`, unless a
// checkpoint of it exists. Returns the step's record:
// {"name", "status": "completed", "provider", "model", "duration_ms",
//  "output", "resumed"?}.
nlohmann::json run_step(jobs::JobContext& ctx, const std::string& name,
                        int from, int to,
                        const std::function<nlohmann::json(StepInfo&)>& body);

// The record of a step not run, with why; reports progress `to`.
nlohmann::json skip_step(jobs::JobContext& ctx, const std::string& name, int to,
                         const std::string& reason);

// A handler whose StepErrors end the job as JobFailures with their code.
jobs::JobHandler guarded(jobs::JobHandler body);

}  // namespace aihost::pipelines
