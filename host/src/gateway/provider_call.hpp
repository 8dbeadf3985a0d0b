// A governed provider call: the one way pipelines and the OpenAI-compatible
// routes reach a plugin. Whatever implements ProviderCaller does, in order:
//
//   1. route      (tenant, capability[, provider]) -> instance + key, through
//                 the configuration cascade; refusals throw GatewayError
//   2. admit      estimate the cost from `expected` and take it from the
//                 tenant's budget (a lease held in memory); a call that does
//                 not fit throws GatewayError "budget_exceeded"
//   3. invoke     the plugin, through the host egress
//   4. meter      cost from the real usage; one usage row per attempt, failed
//                 attempts included; settle the budget with the real cost
//
// Provider failures are not thrown: they come back in `outcome` (with the
// failed attempt metered), so each caller maps them in its own protocol.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugins/provider_instance.hpp"
#include "pricing/cost.hpp"
#include "storage/usage_log_repository.hpp"

namespace aihost::gateway {

// Where a call's usage rows go. Calls made for a job buffer theirs and
// commit them with the job's step (so a job's usage is recorded exactly once
// even when a worker dies); other calls hand them to the background writer.
class UsageSink {
 public:
  virtual ~UsageSink() = default;
  virtual void add(storage::UsageLog usage) = 0;
};

struct ProviderCall {
  std::string tenant_id;
  std::string capability;  // "llm.chat" | "audio.transcribe" | "pii.redact"
  std::optional<std::string> provider;  // the caller's explicit choice
  std::optional<std::string> feature;   // "summary" | "sentiment" | "coaching"
  plugins::Invocation invocation;       // api_key is filled in by routing
  pricing::Expectation expected;        // what admission reserves against
  pricing::CallShape shape;             // channels, diarisation, for cost
  std::string request_id;
  std::optional<std::string> job_id;
  plugins::CallOptions options;
  UsageSink* usage_sink = nullptr;  // null: the background writer
};

struct CallReport {
  plugins::Outcome outcome;
  std::string provider;
  std::string model;
  pricing::Cost cost;
  int64_t provider_ms = 0;  // time spent inside the plugin call
};

// A refusal before any provider was called. `code` is the API's stable
// error code ("budget_exceeded", "feature_disabled", "provider_not_configured",
// ...) and `http_status` the status the API answers with.
struct GatewayError : std::runtime_error {
  GatewayError(std::string code, int http_status, const std::string& message)
      : std::runtime_error(message),
        code(std::move(code)),
        http_status(http_status) {}
  std::string code;
  int http_status;
};

class ProviderCaller {
 public:
  virtual ~ProviderCaller() = default;

  virtual CallReport call(const ProviderCall& call) = 0;

  // A streamed llm.chat: `on_event` gets each event; returning false stops
  // the stream (the client went away). Usage is settled from the final usage
  // event, or from counted tokens when the stream ended without one.
  virtual CallReport stream(
      const ProviderCall& call,
      const std::function<bool(const nlohmann::json&)>& on_event) = 0;

  // Whether the provider this call would be routed to offers an extension
  // by id ("aihost.audio.multichannel/1", "aihost.llm.stream/1"), so that a
  // pipeline can choose its route before calling. Throws GatewayError like
  // call() when the call cannot be routed at all.
  virtual bool offers(const ProviderCall& call,
                      const std::string& extension_id) = 0;
};

}  // namespace aihost::gateway
