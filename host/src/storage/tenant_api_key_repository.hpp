// tenant_api_keys: the keys tenants authenticate with, stored as hashes
// (the security layer hashes; this table never sees a key).
//
// find_active_by_hash is the one lookup not scoped by tenant: it is how a
// request's tenant is discovered in the first place.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct TenantApiKey {
  int64_t id = 0;
  std::string tenant_id;
  std::string key_prefix;
  std::string key_hash;
  std::string label;
  int64_t created_at_ms = 0;
  std::optional<int64_t> revoked_at_ms;
};

class TenantApiKeyRepository : RepositoryBase {
 public:
  explicit TenantApiKeyRepository(Connection& c) : RepositoryBase(c) {}

  int64_t insert(const std::string& tenant_id, const std::string& key_prefix,
                 const std::string& key_hash, const std::string& label,
                 int64_t now);
  // Only a live key of an active tenant authenticates.
  std::optional<TenantApiKey> find_active_by_hash(const std::string& key_hash);
  std::vector<TenantApiKey> list(const std::string& tenant_id);
  // False when the key is not the tenant's or already revoked.
  bool revoke(const std::string& tenant_id, int64_t key_id, int64_t now);
};

}  // namespace aihost::storage
