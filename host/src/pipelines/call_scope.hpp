// Who a pipeline step calls providers for: the tenant, the job, where the
// usage goes and what cancels the call. Every ProviderCall a step makes is
// built from one, so that no call leaves without its tenant and job.
#pragma once

#include "gateway/provider_call.hpp"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

namespace aihost::pipelines {

struct CallScope {
  std::string tenant_id;
  std::optional<std::string> job_id;
  std::string request_id;  // steps append "/<step>[/<n>]"
  gateway::UsageSink* usage_sink = nullptr;
  const std::atomic<bool>* cancelled = nullptr;
  std::optional<std::chrono::milliseconds> timeout;

  // A call for `capability`, made for `step` (request id suffix).
  gateway::ProviderCall call(const std::string& capability,
                             const std::string& step) const {
    gateway::ProviderCall c;
    c.tenant_id = tenant_id;
    c.capability = capability;
    c.request_id = request_id.empty() ? step : request_id + "/" + step;
    c.job_id = job_id;
    c.usage_sink = usage_sink;
    c.options.cancelled = cancelled;
    c.options.timeout = timeout;
    c.invocation.operation = capability;
    return c;
  }

  bool is_cancelled() const { return cancelled && cancelled->load(); }
};

}  // namespace aihost::pipelines
