#include "direct_caller.hpp"

#include <aihost/results.hpp>

#include <chrono>

namespace aihost::testing {

using nlohmann::json;

DirectCaller::DirectCaller(std::shared_ptr<const plugins::Registry> registry,
                           std::map<std::string, std::string> defaults,
                           std::map<std::string, std::string> keys)
    : registry_(std::move(registry)),
      defaults_(std::move(defaults)),
      keys_(std::move(keys)) {}

const plugins::PluginEntry& DirectCaller::route(
    const gateway::ProviderCall& call) const {
  std::string id;
  if (call.provider) {
    id = *call.provider;
  } else if (auto it = defaults_.find(call.capability); it != defaults_.end()) {
    id = it->second;
  } else {
    throw gateway::GatewayError("provider_not_configured", 422,
                                "no provider for " + call.capability);
  }
  const plugins::PluginEntry* entry = registry_->find(id);
  if (!entry || entry->status != plugins::PluginStatus::loaded ||
      !entry->library->offers(call.capability))
    throw gateway::GatewayError("provider_not_configured", 422,
                                id + " cannot serve " + call.capability);
  return *entry;
}

std::shared_ptr<plugins::ProviderInstance> DirectCaller::instance(
    const plugins::PluginEntry& entry, const std::string& operation) {
  std::lock_guard lock(mu_);
  auto& slot = instances_[entry.id() + "/" + operation];
  if (!slot)
    slot = std::make_shared<plugins::ProviderInstance>(
        entry.library, entry.instance_config(operation), entry.egress);
  return slot;
}

gateway::CallReport DirectCaller::call(const gateway::ProviderCall& call) {
  {
    std::lock_guard lock(mu_);
    calls_.push_back(call);
    if (call.feature)
      if (auto it = refused_.find(*call.feature); it != refused_.end())
        throw gateway::GatewayError(
            it->second.first, it->second.second,
            "the tenant's " + *call.feature + " feature is disabled");
  }
  const plugins::PluginEntry& entry = route(call);
  plugins::Invocation inv = call.invocation;
  if (auto it = keys_.find(entry.id()); it != keys_.end())
    inv.api_key = it->second;
  auto start = std::chrono::steady_clock::now();
  gateway::CallReport report;
  report.outcome = instance(entry, call.capability)->invoke(inv, call.options);
  report.provider_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
  report.provider = entry.id();
  const json& r = report.outcome.result;
  report.model = r.is_object() ? r.value("model", "") : "";

  if (call.usage_sink) {
    storage::UsageLog row;
    row.tenant_id = call.tenant_id;
    row.job_id = call.job_id;
    row.request_id = call.request_id;
    row.provider = report.provider;
    row.model = report.model;
    row.operation = call.capability;
    row.success = report.outcome.ok();
    row.duration_ms = report.provider_ms;
    if (r.is_object() && r.contains("usage")) {
      auto u = r["usage"].get<sdk::Usage>();
      row.input_tokens = u.input_tokens;
      row.output_tokens = u.output_tokens;
      row.cached_tokens = u.cached_tokens;
      row.audio_seconds = u.audio_seconds;
      row.characters = u.characters;
    }
    if (!row.success)
      row.error_code = plugins::status_name(report.outcome.status);
    call.usage_sink->add(row);
  }
  return report;
}

gateway::CallReport DirectCaller::stream(
    const gateway::ProviderCall& call,
    const std::function<bool(const json&)>& on_event) {
  const plugins::PluginEntry& entry = route(call);
  plugins::Invocation inv = call.invocation;
  if (auto it = keys_.find(entry.id()); it != keys_.end())
    inv.api_key = it->second;
  gateway::CallReport report;
  report.outcome = instance(entry, call.capability)
                       ->chat_stream(inv, on_event, call.options);
  report.provider = entry.id();
  return report;
}

bool DirectCaller::offers(const gateway::ProviderCall& call,
                          const std::string& extension_id) {
  {
    std::lock_guard lock(mu_);
    if (hidden_.count(extension_id)) return false;
  }
  return route(call).library->extension(extension_id.c_str()) != nullptr;
}

void DirectCaller::hide_extension(const std::string& extension_id) {
  std::lock_guard lock(mu_);
  hidden_.insert(extension_id);
}

void DirectCaller::refuse_feature(const std::string& feature, std::string code,
                                  int http_status) {
  std::lock_guard lock(mu_);
  refused_[feature] = {std::move(code), http_status};
}

std::vector<gateway::ProviderCall> DirectCaller::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

std::vector<gateway::ProviderCall> DirectCaller::calls_for(
    const std::string& capability) const {
  std::vector<gateway::ProviderCall> out;
  for (auto& c : calls())
    if (c.capability == capability) out.push_back(c);
  return out;
}

}  // namespace aihost::testing
