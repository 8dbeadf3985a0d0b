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

struct LlmStep {
  const char* name;
  int to;
  bool requested;
  std::optional<bool> feature;
};

// Why an optional step does not run, or empty when it does.
std::string skip_reason(bool requested, std::optional<bool> feature,
                        const std::string& feature_name) {
  if (!requested) return "not requested";
  if (feature == false)
    return "the tenant's " + feature_name + " feature is off";
  return "";
}

}  // namespace

json run_call_analysis(jobs::JobContext& ctx, const PipelineDeps& deps) {
  CallAnalysisRequest req = read_call_analysis(ctx.input());
  CallScope scope = scope_for(ctx, deps.call_timeout);
  json steps = json::array();

  json record = run_step(ctx, "transcribe", 0, 40, [&](StepInfo& info) {
    TranscribeRun run =
        transcribe_audio(deps.caller, scope, ctx.blob(), req.transcription);
    info.provider = run.provider;
    info.model = run.model;
    return json{{"transcript", run.transcript}, {"route", run.route}};
  });
  sdk::Transcript transcript =
      record["output"]["transcript"].get<sdk::Transcript>();
  steps.push_back(record);

  json redaction = nullptr;
  std::string why =
      skip_reason(req.redact, req.features.pii_redaction, "pii_redaction");
  if (!why.empty()) {
    steps.push_back(skip_step(ctx, "redact", 55, why));
  } else {
    record = run_step(ctx, "redact", 40, 55, [&](StepInfo& info) {
      RedactRequest r = req.redaction;
      r.segments = transcript.segments;
      RedactRun run = redact(deps.caller, scope, r);
      info.provider = run.provider;
      info.model = run.model;
      return json{{"transcript", apply_redaction(transcript, run.redaction)},
                  {"summary", redaction_summary(run.redaction)}};
    });
    transcript = record["output"]["transcript"].get<sdk::Transcript>();
    redaction = record["output"]["summary"];
    steps.push_back(record);
  }

  TaskInput input;
  input.transcript = transcript;
  json result = {{"transcript", transcript}, {"redaction", redaction}};
  const LlmStep llm_steps[] = {
      {"summary", 70, req.summary, req.features.summary},
      {"sentiment", 85, req.sentiment, req.features.sentiment},
      {"coaching", 100, req.coaching, req.features.coaching}};
  int from = 55;
  for (const auto& s : llm_steps) {
    result[s.name] = nullptr;
    why = skip_reason(s.requested, s.feature, s.name);
    const TaskDefinition* task = deps.tasks.find(s.name);
    if (why.empty() && !task) why = "no task '" + std::string(s.name) + "'";
    if (!why.empty()) {
      steps.push_back(skip_step(ctx, s.name, s.to, why));
      from = s.to;
      continue;
    }
    try {
      record = run_step(ctx, s.name, from, s.to, [&](StepInfo& info) {
        TaskRun run = run_llm_task(deps.caller, scope, *task, input, req.llm);
        info.provider = run.provider;
        info.model = run.model;
        return run.output;
      });
      result[s.name] = record["output"];
    } catch (const StepError& e) {
      // The gateway has the last word on features: a step it refuses for
      // that reason is skipped, like one the input turned off.
      if (e.code != "feature_disabled") throw;
      record = skip_step(ctx, s.name, s.to, e.what());
    }
    steps.push_back(record);
    from = s.to;
  }
  for (auto& step : steps) step.erase("output");
  result["steps"] = std::move(steps);
  return result;
}

}  // namespace aihost::pipelines
