// Plugin instances per tenant configuration, created on first use and
// reused while nothing they were built from changes.
//
// An instance is keyed by (tenant, provider, capability) and remembers the
// hash of the configuration it was created from and the registry snapshot
// its library came from. When either differs on the next request, a new
// instance is built and replaces the cached one; callers still holding the
// old one keep it alive (shared_ptr) until their call ends. Keys are never
// part of an instance: they travel per call.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "plugins/provider_instance.hpp"
#include "routing/resolved_provider.hpp"

namespace aihost::routing {

class ProviderFactory {
 public:
  // Throws RoutingError(provider_instance_refused) when the plugin refuses
  // the configuration; the message carries the plugin's.
  std::shared_ptr<plugins::ProviderInstance> instance_for(
      const ResolvedProvider& resolved);

  // Drops every instance of the tenant (e.g. on deactivation).
  void forget_tenant(const std::string& tenant_id);
  size_t cached() const;
  // Instances built so far (for tests and metrics).
  uint64_t created() const;

 private:
  struct Entry {
    std::string config_hash;
    std::weak_ptr<const plugins::Registry> registry;
    std::shared_ptr<plugins::ProviderInstance> instance;
  };
  using Key = std::tuple<std::string, std::string, std::string>;

  mutable std::mutex mu_;
  std::map<Key, Entry> entries_;
  uint64_t created_ = 0;
};

}  // namespace aihost::routing
