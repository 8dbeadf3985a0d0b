#include "routing/provider_factory.hpp"

#include "routing/routing_error.hpp"

namespace aihost::routing {
namespace {

bool same_snapshot(const std::weak_ptr<const plugins::Registry>& cached,
                   const std::shared_ptr<const plugins::Registry>& current) {
  // An expired snapshot never matches, so a new one allocated at the old
  // address cannot be mistaken for it.
  auto held = cached.lock();
  return held && held == current;
}

}  // namespace

std::shared_ptr<plugins::ProviderInstance> ProviderFactory::instance_for(
    const ResolvedProvider& resolved) {
  Key key{resolved.tenant_id, resolved.provider, resolved.capability};
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() &&
        it->second.config_hash == resolved.config_hash &&
        same_snapshot(it->second.registry, resolved.registry))
      return it->second.instance;
  }
  if (!resolved.entry || !resolved.entry->library)
    throw RoutingError(codes::kProviderUnavailable,
                       "provider '" + resolved.provider + "' is not loaded");
  // Built outside the lock: plugin creation may be slow and must not stall
  // requests for other tenants. Two racing builds are harmless; the later
  // one wins the cache slot.
  std::shared_ptr<plugins::ProviderInstance> instance;
  try {
    instance = std::make_shared<plugins::ProviderInstance>(
        resolved.entry->library, resolved.instance_config,
        resolved.entry->egress);
  } catch (const plugins::InstanceError& e) {
    throw RoutingError(codes::kInstanceRefused,
                       "provider '" + resolved.provider +
                           "' refused the configuration of tenant '" +
                           resolved.tenant_id + "': " + e.what(),
                       plugins::status_name(e.status));
  }
  std::lock_guard lock(mu_);
  ++created_;
  entries_[key] = Entry{resolved.config_hash, resolved.registry, instance};
  return instance;
}

void ProviderFactory::forget_tenant(const std::string& tenant_id) {
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();)
    it = std::get<0>(it->first) == tenant_id ? entries_.erase(it)
                                             : std::next(it);
}

size_t ProviderFactory::cached() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

uint64_t ProviderFactory::created() const {
  std::lock_guard lock(mu_);
  return created_;
}

}  // namespace aihost::routing
