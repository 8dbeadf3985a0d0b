#include "storage/tenant_repository.hpp"

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kColumns =
    "SELECT id, name, active, created_at, updated_at FROM tenants ";

std::vector<Tenant> read(const Poco::Data::RecordSet& rs) {
  std::vector<Tenant> out;
  for (std::size_t i = 0; i < rs.rowCount(); ++i) {
    RowReader r(rs, i);
    out.push_back({r.text("id"), r.text("name"), r.boolean("active"),
                   r.i64("created_at"), r.i64("updated_at")});
  }
  return out;
}

}  // namespace

void TenantRepository::create(const std::string& id, const std::string& name,
                              int64_t now_ms) {
  if (id.empty()) throw StorageError("storage.invalid", "tenant id is empty");
  guarded("creating tenant", [&] {
    session() << q(
        "INSERT INTO tenants (id, name, active, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?)"),
        bind(id), bind(name), bind(true), bind(now_ms), bind(now_ms), now;
  });
}

std::optional<Tenant> TenantRepository::find(const std::string& id) {
  return guarded("reading tenant", [&]() -> std::optional<Tenant> {
    Poco::Data::Statement st(session());
    st << q(std::string(kColumns) + "WHERE id = ?"), bind(id), now;
    auto rows = read(Poco::Data::RecordSet(st));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

std::vector<Tenant> TenantRepository::list(bool include_inactive) {
  return guarded("listing tenants", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string(kColumns) +
            (include_inactive ? "" : "WHERE active = ? ") + "ORDER BY id");
    if (!include_inactive) st, bind(true);
    st.execute();
    return read(Poco::Data::RecordSet(st));
  });
}

bool TenantRepository::set_active(const std::string& id, bool active,
                                  int64_t now_ms) {
  return guarded("updating tenant", [&] {
    Poco::Data::Statement st(session());
    st << q("UPDATE tenants SET active = ?, updated_at = ? WHERE id = ?"),
        bind(active), bind(now_ms), bind(id);
    return st.execute() > 0;
  });
}

bool TenantRepository::rename(const std::string& id, const std::string& name,
                              int64_t now_ms) {
  return guarded("renaming tenant", [&] {
    Poco::Data::Statement st(session());
    st << q("UPDATE tenants SET name = ?, updated_at = ? WHERE id = ?"),
        bind(name), bind(now_ms), bind(id);
    return st.execute() > 0;
  });
}

}  // namespace aihost::storage
