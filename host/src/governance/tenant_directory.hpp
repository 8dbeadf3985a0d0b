// Who a bearer key belongs to and what that tenant may do, answered from
// memory so the request hot path makes no database round trip.
//
// Keys are looked up by the hash the security layer stores (the presented
// key itself is never kept). Answers live for `ttl`; an unknown or revoked
// key is remembered as unknown for `negative_ttl`, in a table of at most
// `max_negative` entries, so a flood of random keys costs bounded memory.
// Writers in this process call invalidate() after they commit (a revoked
// key or a changed budget then takes effect on the next request); other
// processes' changes are seen within the TTL.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "security/hmac_key.hpp"
#include "security/secret.hpp"
#include "storage/database.hpp"
#include "storage/tenant_feature_repository.hpp"

namespace aihost::governance {

struct TenantDirectoryOptions {
  std::chrono::milliseconds ttl = std::chrono::seconds(5);
  std::chrono::milliseconds negative_ttl = std::chrono::seconds(2);
  size_t max_negative = 4096;
  size_t max_positive = 65536;
};

class TenantDirectory {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  TenantDirectory(
      storage::Database& db, security::Secret pepper,
      TenantDirectoryOptions options = {},
      Clock clock = [] { return std::chrono::steady_clock::now(); });

  // The tenant a presented key authenticates, or nullopt for a malformed,
  // unknown or revoked key or an inactive tenant. Throws StorageError when
  // the database cannot be read (not cached).
  std::optional<std::string> tenant_for_key(std::string_view presented);

  // The tenant's features (TenantFeatures' defaults when it has no row).
  std::shared_ptr<const storage::TenantFeatures> features(
      const std::string& tenant_id);

  void invalidate(const std::string& tenant_id);
  void invalidate_all();

  // Database reads so far, for tests and metrics.
  uint64_t key_loads() const;
  uint64_t feature_loads() const;
  size_t negative_entries() const;

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  struct KeyEntry {
    std::string tenant_id;  // empty: unknown key
    TimePoint loaded_at;
  };
  struct FeatureEntry {
    std::shared_ptr<const storage::TenantFeatures> features;
    TimePoint loaded_at;
  };

  void remember_unknown(const std::string& hash, TimePoint now);

  storage::Database& db_;
  const security::HmacKey pepper_;
  TenantDirectoryOptions options_;
  Clock clock_;

  mutable std::mutex mu_;
  std::unordered_map<std::string, KeyEntry> known_;    // hash -> tenant
  std::unordered_map<std::string, KeyEntry> unknown_;  // hash -> miss
  std::deque<std::string> unknown_order_;              // oldest first
  std::unordered_map<std::string, FeatureEntry> features_;
  // Bumped by every invalidation: a load that began before one is not
  // cached, so a racing reader never re-installs what was just dropped.
  uint64_t generation_ = 0;
  uint64_t key_loads_ = 0;
  uint64_t feature_loads_ = 0;
};

}  // namespace aihost::governance
