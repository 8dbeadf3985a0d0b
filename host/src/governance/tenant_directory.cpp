#include "governance/tenant_directory.hpp"

#include "security/tenant_api_key.hpp"
#include "storage/tenant_api_key_repository.hpp"

namespace aihost::governance {

TenantDirectory::TenantDirectory(storage::Database& db, security::Secret pepper,
                                 TenantDirectoryOptions options, Clock clock)
    : db_(db),
      pepper_(pepper.reveal()),
      options_(options),
      clock_(std::move(clock)) {
  if (options_.max_negative == 0) options_.max_negative = 1;
}

std::optional<std::string> TenantDirectory::tenant_for_key(
    std::string_view presented) {
  auto parsed = security::parse_tenant_key(presented);
  // Not shaped like an issued key: nothing to look up, nothing to cache.
  if (!parsed) return std::nullopt;
  std::string hash =
      security::hash_tenant_key_secret(parsed->secret.reveal(), pepper_);

  uint64_t generation;
  {
    std::lock_guard lock(mu_);
    const TimePoint now = clock_();
    if (auto it = known_.find(hash); it != known_.end()) {
      if (now - it->second.loaded_at < options_.ttl)
        return it->second.tenant_id;
      known_.erase(it);
    }
    if (auto it = unknown_.find(hash); it != unknown_.end()) {
      if (now - it->second.loaded_at < options_.negative_ttl)
        return std::nullopt;
      unknown_.erase(it);
    }
    generation = generation_;
  }

  std::optional<storage::TenantApiKey> row;
  {
    storage::Connection c = db_.connect();
    row = storage::TenantApiKeyRepository(c).find_active_by_hash(hash);
  }

  std::lock_guard lock(mu_);
  ++key_loads_;
  if (generation != generation_)
    return row ? std::optional(row->tenant_id) : std::nullopt;
  const TimePoint now = clock_();
  if (!row) {
    remember_unknown(hash, now);
    return std::nullopt;
  }
  // Live keys are few; the bound only guards against a runaway.
  if (known_.size() >= options_.max_positive) known_.clear();
  known_[hash] = KeyEntry{row->tenant_id, now};
  return row->tenant_id;
}

void TenantDirectory::remember_unknown(const std::string& hash, TimePoint now) {
  while (unknown_.size() >= options_.max_negative && !unknown_order_.empty()) {
    unknown_.erase(unknown_order_.front());
    unknown_order_.pop_front();
  }
  unknown_[hash] = KeyEntry{{}, now};
  unknown_order_.push_back(hash);
  // A key re-remembered after expiring leaves a stale name behind; keep
  // the order list within a constant factor of the table.
  if (unknown_order_.size() > 2 * options_.max_negative) {
    std::deque<std::string> rebuilt;
    for (const auto& [h, entry] : unknown_) rebuilt.push_back(h);
    unknown_order_.swap(rebuilt);
  }
}

std::shared_ptr<const storage::TenantFeatures> TenantDirectory::features(
    const std::string& tenant_id) {
  uint64_t generation;
  {
    std::lock_guard lock(mu_);
    if (auto it = features_.find(tenant_id); it != features_.end()) {
      if (clock_() - it->second.loaded_at < options_.ttl)
        return it->second.features;
      features_.erase(it);
    }
    generation = generation_;
  }
  std::optional<storage::TenantFeatures> row;
  {
    storage::Connection c = db_.connect();
    row = storage::TenantFeatureRepository(c).find(tenant_id);
  }
  auto features = std::make_shared<storage::TenantFeatures>();
  if (row) {
    *features = std::move(*row);
  } else {
    features->tenant_id = tenant_id;
  }
  std::lock_guard lock(mu_);
  ++feature_loads_;
  if (generation == generation_) {
    if (features_.size() >= options_.max_positive) features_.clear();
    features_[tenant_id] = FeatureEntry{features, clock_()};
  }
  return features;
}

void TenantDirectory::invalidate(const std::string& tenant_id) {
  std::lock_guard lock(mu_);
  features_.erase(tenant_id);
  for (auto it = known_.begin(); it != known_.end();)
    it = it->second.tenant_id == tenant_id ? known_.erase(it) : std::next(it);
  // A key issued just now may have been tried (and missed) a moment ago.
  unknown_.clear();
  unknown_order_.clear();
  ++generation_;
}

void TenantDirectory::invalidate_all() {
  std::lock_guard lock(mu_);
  features_.clear();
  known_.clear();
  unknown_.clear();
  unknown_order_.clear();
  ++generation_;
}

uint64_t TenantDirectory::key_loads() const {
  std::lock_guard lock(mu_);
  return key_loads_;
}

uint64_t TenantDirectory::feature_loads() const {
  std::lock_guard lock(mu_);
  return feature_loads_;
}

size_t TenantDirectory::negative_entries() const {
  std::lock_guard lock(mu_);
  return unknown_.size();
}

}  // namespace aihost::governance
