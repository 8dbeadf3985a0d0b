#include "storage/tenant_api_key_repository.hpp"

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

std::vector<TenantApiKey> read(const Poco::Data::RecordSet& rs) {
  std::vector<TenantApiKey> out;
  for (std::size_t i = 0; i < rs.rowCount(); ++i) {
    RowReader r(rs, i);
    out.push_back({r.i64("id"), r.text("tenant_id"), r.text("key_prefix"),
                   r.text("key_hash"), r.text("label"), r.i64("created_at"),
                   r.opt_i64("revoked_at")});
  }
  return out;
}

}  // namespace

int64_t TenantApiKeyRepository::insert(const std::string& tenant_id,
                                       const std::string& key_prefix,
                                       const std::string& key_hash,
                                       const std::string& label,
                                       int64_t now_ms) {
  return guarded("storing tenant API key", [&] {
    int64_t id = 0;
    session() << q(
        "INSERT INTO tenant_api_keys (tenant_id, key_prefix, "
        "key_hash, label, created_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id"),
        bind(tenant_id), bind(key_prefix), bind(key_hash), bind(label),
        bind(now_ms), into(id), now;
    return id;
  });
}

std::optional<TenantApiKey> TenantApiKeyRepository::find_active_by_hash(
    const std::string& key_hash) {
  return guarded("looking up tenant API key",
                 [&]() -> std::optional<TenantApiKey> {
                   Poco::Data::Statement st(session());
                   st << q(
                       "SELECT k.id, k.tenant_id, k.key_prefix, "
                       "k.key_hash, k.label, k.created_at, k.revoked_at "
                       "FROM tenant_api_keys k JOIN tenants t ON t.id = "
                       "k.tenant_id WHERE k.key_hash = ? AND k.revoked_at "
                       "IS NULL AND t.active = ?"),
                       bind(key_hash), bind(true), now;
                   auto rows = read(Poco::Data::RecordSet(st));
                   if (rows.empty()) return std::nullopt;
                   return rows.front();
                 });
}

std::vector<TenantApiKey> TenantApiKeyRepository::list(
    const std::string& tenant_id) {
  return guarded("listing tenant API keys", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "SELECT id, tenant_id, key_prefix, key_hash, label, created_at, "
        "revoked_at FROM tenant_api_keys WHERE tenant_id = ? ORDER BY id"),
        bind(tenant_id), now;
    return read(Poco::Data::RecordSet(st));
  });
}

bool TenantApiKeyRepository::revoke(const std::string& tenant_id,
                                    int64_t key_id, int64_t now_ms) {
  return guarded("revoking tenant API key", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE tenant_api_keys SET revoked_at = ? WHERE tenant_id = ? "
        "AND id = ? AND revoked_at IS NULL"),
        bind(now_ms), bind(tenant_id), bind(key_id);
    return st.execute() > 0;
  });
}

}  // namespace aihost::storage
