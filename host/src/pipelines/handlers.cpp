#include "pipelines/handlers.hpp"

#include "pipelines/call_analysis.hpp"
#include "pipelines/job_inputs.hpp"
#include "pipelines/job_steps.hpp"
#include "pipelines/llm_task.hpp"
#include "pipelines/redact_step.hpp"
#include "pipelines/step_error.hpp"
#include "pipelines/transcribe_step.hpp"

namespace aihost::pipelines {
namespace {

using nlohmann::json;

json transcription(jobs::JobContext& ctx, const PipelineDeps& deps) {
  TranscribeRequest req = read_transcription(ctx.input());
  CallScope scope = scope_for(ctx, deps.call_timeout);
  json record = run_step(ctx, "transcribe", 0, 100, [&](StepInfo& info) {
    TranscribeRun run = transcribe_audio(deps.caller, scope, ctx.blob(), req);
    info.provider = run.provider;
    info.model = run.model;
    return json{{"transcript", run.transcript},
                {"route", run.route},
                {"provider", run.provider},
                {"model", run.model},
                {"audio_seconds", run.transcript.duration}};
  });
  return record["output"];
}

json redaction(jobs::JobContext& ctx, const PipelineDeps& deps) {
  RedactRequest req = read_redaction(ctx.input());
  CallScope scope = scope_for(ctx, deps.call_timeout);
  json record = run_step(ctx, "redact", 0, 100, [&](StepInfo& info) {
    RedactRun run = redact(deps.caller, scope, req);
    info.provider = run.provider;
    info.model = run.model;
    json out = {{"summary", redaction_summary(run.redaction)},
                {"provider", run.provider}};
    if (req.segments) {
      out["segments"] = run.redaction.segments;
    } else {
      out["text"] = run.redaction.text;
      out["entities"] = run.redaction.entities;
    }
    return out;
  });
  return record["output"];
}

json llm_task(jobs::JobContext& ctx, const PipelineDeps& deps,
              const std::string& task_id) {
  const TaskDefinition* task = deps.tasks.find(task_id);
  if (!task)
    throw StepError(kTaskNotFound, "no task '" + task_id + "' is configured",
                    false);
  TaskInput input = read_task_input(ctx.input());
  LlmTaskOptions options = read_task_options(ctx.input());
  CallScope scope = scope_for(ctx, deps.call_timeout);
  json record = run_step(ctx, task_id, 0, 100, [&](StepInfo& info) {
    TaskRun run = run_llm_task(deps.caller, scope, *task, input, options);
    info.provider = run.provider;
    info.model = run.model;
    return json{{"task", {{"id", task->id}, {"version", task->version}}},
                {"output", run.output},
                {"provider", run.provider},
                {"model", run.model},
                {"attempts", run.attempts}};
  });
  return record["output"];
}

}  // namespace

void register_handlers(std::map<std::string, jobs::JobHandler>& out,
                       PipelineDeps deps) {
  out["transcription"] = guarded(
      [deps](jobs::JobContext& ctx) { return transcription(ctx, deps); });
  out["redaction"] =
      guarded([deps](jobs::JobContext& ctx) { return redaction(ctx, deps); });
  for (const char* id : {"summary", "sentiment", "coaching"})
    out[id] = guarded([deps, task = std::string(id)](jobs::JobContext& ctx) {
      return llm_task(ctx, deps, task);
    });
  out["call_analysis"] = guarded(
      [deps](jobs::JobContext& ctx) { return run_call_analysis(ctx, deps); });
}

}  // namespace aihost::pipelines
