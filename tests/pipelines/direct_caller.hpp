// A ProviderCaller for pipeline tests that routes straight to real plugin
// instances made from registry entries (real plugins, fake upstreams),
// without budgets or tenant configuration. It keeps every call it was
// given, reports usage rows to the call's sink like the gateway does, and
// can refuse calls the way the gateway would.
#pragma once

#include "gateway/provider_call.hpp"
#include "plugins/registry.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace aihost::testing {

class DirectCaller : public gateway::ProviderCaller {
 public:
  // `defaults`: capability -> provider id used when a call names none;
  // `keys`: provider id -> API key.
  DirectCaller(std::shared_ptr<const plugins::Registry> registry,
               std::map<std::string, std::string> defaults,
               std::map<std::string, std::string> keys);

  gateway::CallReport call(const gateway::ProviderCall& call) override;
  gateway::CallReport stream(
      const gateway::ProviderCall& call,
      const std::function<bool(const nlohmann::json&)>& on_event) override;
  bool offers(const gateway::ProviderCall& call,
              const std::string& extension_id) override;

  // Pretends no provider offers this extension.
  void hide_extension(const std::string& extension_id);
  // Calls for this feature are refused as GatewayError(code, http_status).
  void refuse_feature(const std::string& feature, std::string code,
                      int http_status);

  // Every call received, in order (payloads kept).
  std::vector<gateway::ProviderCall> calls() const;
  std::vector<gateway::ProviderCall> calls_for(
      const std::string& capability) const;

 private:
  std::shared_ptr<plugins::ProviderInstance> instance(
      const plugins::PluginEntry& entry, const std::string& operation);
  const plugins::PluginEntry& route(const gateway::ProviderCall& call) const;

  std::shared_ptr<const plugins::Registry> registry_;
  std::map<std::string, std::string> defaults_;
  std::map<std::string, std::string> keys_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<plugins::ProviderInstance>> instances_;
  std::set<std::string> hidden_;
  std::map<std::string, std::pair<std::string, int>> refused_;
  std::vector<gateway::ProviderCall> calls_;
};

}  // namespace aihost::testing
