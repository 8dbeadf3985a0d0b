#include "routing/tenant_config_store.hpp"

#include "storage/tenant_repository.hpp"

namespace aihost::routing {

const storage::TenantAiConfig* TenantSnapshot::active_config(
    const std::string& provider_type) const {
  for (const auto& config : active_configs)
    if (config.provider_type == provider_type) return &config;
  return nullptr;
}

storage::TenantFeatures TenantSnapshot::effective_features() const {
  if (features) return *features;
  storage::TenantFeatures defaults;
  defaults.tenant_id = tenant_id;
  return defaults;
}

TenantConfigStore::TenantConfigStore(storage::Database& db,
                                     std::chrono::milliseconds max_age,
                                     Clock clock)
    : db_(db), max_age_(max_age), clock_(std::move(clock)) {}

std::shared_ptr<const TenantSnapshot> TenantConfigStore::get(
    const std::string& tenant_id) {
  uint64_t generation;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(tenant_id);
    if (it != entries_.end() && max_age_.count() > 0 &&
        clock_() - it->second.loaded_at < max_age_)
      return it->second.snapshot;
    generation = generation_;
  }
  auto snapshot = load(tenant_id);
  std::lock_guard lock(mu_);
  ++loads_;
  if (max_age_.count() > 0 && generation == generation_)
    entries_[tenant_id] = Entry{snapshot, clock_(), generation};
  return snapshot;
}

std::shared_ptr<const TenantSnapshot> TenantConfigStore::load(
    const std::string& tenant_id) {
  auto snapshot = std::make_shared<TenantSnapshot>();
  snapshot->tenant_id = tenant_id;
  storage::Connection c = db_.connect();
  auto tenant = storage::TenantRepository(c).find(tenant_id);
  if (!tenant) return snapshot;
  snapshot->exists = true;
  snapshot->active = tenant->active;
  snapshot->features = storage::TenantFeatureRepository(c).find(tenant_id);
  for (auto& config : storage::TenantAiConfigRepository(c).list(tenant_id))
    if (config.active) snapshot->active_configs.push_back(std::move(config));
  return snapshot;
}

void TenantConfigStore::invalidate(const std::string& tenant_id) {
  std::lock_guard lock(mu_);
  entries_.erase(tenant_id);
  ++generation_;
}

void TenantConfigStore::invalidate_all() {
  std::lock_guard lock(mu_);
  entries_.clear();
  ++generation_;
}

uint64_t TenantConfigStore::loads() const {
  std::lock_guard lock(mu_);
  return loads_;
}

}  // namespace aihost::routing
