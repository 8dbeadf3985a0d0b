// What the cascade needs to know about a tenant (is it active, its feature
// toggles, its active provider rows), read through an in-memory cache so the
// request hot path makes no database round trip.
//
// Writers in this process call invalidate() after they commit, so the next
// request sees the change. Other processes (another `serve`, an operator's
// CLI) cannot reach this cache: for them `max_age` bounds how long a stale
// snapshot is served. A max_age of zero reads the database every time.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/tenant_feature_repository.hpp"

namespace aihost::routing {

struct TenantSnapshot {
  std::string tenant_id;
  bool exists = false;
  bool active = false;
  // Absent when the tenant has no row: TenantFeatures' defaults apply.
  std::optional<storage::TenantFeatures> features;
  std::vector<storage::TenantAiConfig> active_configs;

  const storage::TenantAiConfig* active_config(
      const std::string& provider_type) const;
  storage::TenantFeatures effective_features() const;
};

class TenantConfigStore {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit TenantConfigStore(
      storage::Database& db,
      std::chrono::milliseconds max_age = std::chrono::seconds(5),
      Clock clock = [] { return std::chrono::steady_clock::now(); });

  // The tenant's snapshot, from the cache when fresh. Throws StorageError
  // when the database cannot be read.
  std::shared_ptr<const TenantSnapshot> get(const std::string& tenant_id);
  void invalidate(const std::string& tenant_id);
  void invalidate_all();

  // Database reads made so far (for tests and metrics).
  uint64_t loads() const;

 private:
  std::shared_ptr<const TenantSnapshot> load(const std::string& tenant_id);

  struct Entry {
    std::shared_ptr<const TenantSnapshot> snapshot;
    std::chrono::steady_clock::time_point loaded_at;
    uint64_t generation = 0;
  };

  storage::Database& db_;
  const std::chrono::milliseconds max_age_;
  const Clock clock_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  // Bumped by every invalidation: a load that started before one is not
  // cached, so a reader racing a writer never re-installs the old rows.
  uint64_t generation_ = 0;
  uint64_t loads_ = 0;
};

}  // namespace aihost::routing
