#include "pipelines/job_steps.hpp"

#include "pipelines/step_error.hpp"

#include <chrono>

namespace aihost::pipelines {

using nlohmann::json;

CallScope scope_for(jobs::JobContext& ctx,
                    std::optional<std::chrono::milliseconds> timeout) {
  CallScope s;
  s.tenant_id = ctx.job().tenant_id;
  s.job_id = ctx.job().id;
  s.request_id = "job-" + ctx.job().id;
  s.usage_sink = &ctx.usage_sink();
  s.cancelled = &ctx.cancelled();
  s.timeout = timeout;
  return s;
}

void check_cancelled(const jobs::JobContext& ctx, const std::string& before) {
  if (ctx.cancelled().load())
    throw jobs::JobFailure(kJobCancelled,
                           "the job was cancelled before " + before, false);
}

json run_step(jobs::JobContext& ctx, const std::string& name, int from, int to,
              const std::function<json(StepInfo&)>& body) {
  if (auto it = ctx.checkpoints().find(name); it != ctx.checkpoints().end()) {
    json record = it->second;
    record["resumed"] = true;
    return record;
  }
  check_cancelled(ctx, name);
  ctx.progress(name, from);
  auto start = std::chrono::steady_clock::now();
  StepInfo info;
  json output = body(info);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start)
                .count();
  json record = {{"name", name},
                 {"status", "completed"},
                 {"provider", info.provider},
                 {"model", info.model},
                 {"duration_ms", ms},
                 {"output", std::move(output)}};
  ctx.checkpoint(name, record, to);
  return record;
}

json skip_step(jobs::JobContext& ctx, const std::string& name, int to,
               const std::string& reason) {
  ctx.progress(name, to);
  return {{"name", name}, {"status", "skipped"}, {"reason", reason}};
}

jobs::JobHandler guarded(jobs::JobHandler body) {
  return [body = std::move(body)](jobs::JobContext& ctx) -> json {
    try {
      return body(ctx);
    } catch (const StepError& e) {
      throw jobs::JobFailure(e.code, e.what(), e.retryable);
    }
  };
}

}  // namespace aihost::pipelines
