// tenants: who may use the host. A tenant is deactivated, never deleted, so
// its usage history stays attributable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct Tenant {
  std::string id;
  std::string name;
  bool active = true;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

class TenantRepository : RepositoryBase {
 public:
  explicit TenantRepository(Connection& c) : RepositoryBase(c) {}

  // Throws StorageError "storage.conflict" when the id exists.
  void create(const std::string& id, const std::string& name, int64_t now);
  std::optional<Tenant> find(const std::string& id);
  std::vector<Tenant> list(bool include_inactive);
  // False when no such tenant.
  bool set_active(const std::string& id, bool active, int64_t now);
  // False when no such tenant.
  bool rename(const std::string& id, const std::string& name, int64_t now);
};

}  // namespace aihost::storage
