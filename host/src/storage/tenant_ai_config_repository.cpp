#include "storage/tenant_ai_config_repository.hpp"

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kSelect =
    "SELECT id, tenant_id, provider_type, provider_name, model, "
    "api_key_ciphertext, CAST(config AS TEXT) AS config, is_active, "
    "created_at, updated_at FROM tenant_ai_configs ";

std::vector<TenantAiConfig> read(const Poco::Data::RecordSet& rs) {
  std::vector<TenantAiConfig> out;
  for (std::size_t i = 0; i < rs.rowCount(); ++i) {
    RowReader r(rs, i);
    TenantAiConfig c;
    c.id = r.i64("id");
    c.tenant_id = r.text("tenant_id");
    c.provider_type = r.text("provider_type");
    c.provider_name = r.text("provider_name");
    c.model = r.text("model");
    c.api_key_ciphertext = r.opt_text("api_key_ciphertext");
    c.config_json = r.text("config");
    c.active = r.boolean("is_active");
    c.created_at_ms = r.i64("created_at");
    c.updated_at_ms = r.i64("updated_at");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

int64_t TenantAiConfigRepository::replace_active(const TenantAiConfig& config,
                                                 int64_t now_ms) {
  if (config.provider_type.empty() || config.provider_name.empty())
    throw StorageError("storage.invalid",
                       "provider type and provider name are required");
  return guarded("storing provider configuration", [&] {
    session() << q(
        "UPDATE tenant_ai_configs SET is_active = ?, updated_at = "
        "? WHERE tenant_id = ? AND provider_type = ? AND "
        "is_active = ?"),
        bind(false), bind(now_ms), bind(config.tenant_id),
        bind(config.provider_type), bind(true), now;
    int64_t id = 0;
    Poco::Nullable<std::string> key = nullable(config.api_key_ciphertext);
    std::string json = config.config_json.empty() ? "{}" : config.config_json;
    session() << q(
        "INSERT INTO tenant_ai_configs (tenant_id, provider_type, "
        "provider_name, model, api_key_ciphertext, config, "
        "is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
        "?json, ?, ?, ?) RETURNING id"),
        bind(config.tenant_id), bind(config.provider_type),
        bind(config.provider_name), bind(config.model), use(key), bind(json),
        bind(true), bind(now_ms), bind(now_ms), into(id), now;
    return id;
  });
}

std::optional<TenantAiConfig> TenantAiConfigRepository::find_active(
    const std::string& tenant_id, const std::string& provider_type) {
  return guarded("reading provider configuration",
                 [&]() -> std::optional<TenantAiConfig> {
                   Poco::Data::Statement st(session());
                   st << q(std::string(kSelect) +
                           "WHERE tenant_id = ? AND provider_type = ? AND "
                           "is_active = ?"),
                       bind(tenant_id), bind(provider_type), bind(true), now;
                   auto rows = read(Poco::Data::RecordSet(st));
                   if (rows.empty()) return std::nullopt;
                   return rows.front();
                 });
}

std::optional<TenantAiConfig> TenantAiConfigRepository::find(
    const std::string& tenant_id, int64_t id) {
  return guarded(
      "reading provider configuration", [&]() -> std::optional<TenantAiConfig> {
        Poco::Data::Statement st(session());
        st << q(std::string(kSelect) + "WHERE tenant_id = ? AND id = ?"),
            bind(tenant_id), bind(id), now;
        auto rows = read(Poco::Data::RecordSet(st));
        if (rows.empty()) return std::nullopt;
        return rows.front();
      });
}

std::vector<TenantAiConfig> TenantAiConfigRepository::list(
    const std::string& tenant_id) {
  return guarded("listing provider configurations", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string(kSelect) + "WHERE tenant_id = ? ORDER BY id"),
        bind(tenant_id), now;
    return read(Poco::Data::RecordSet(st));
  });
}

bool TenantAiConfigRepository::deactivate(const std::string& tenant_id,
                                          int64_t id, int64_t now_ms) {
  return guarded("deactivating provider configuration", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE tenant_ai_configs SET is_active = ?, updated_at = ? "
        "WHERE tenant_id = ? AND id = ? AND is_active = ?"),
        bind(false), bind(now_ms), bind(tenant_id), bind(id), bind(true);
    return st.execute() > 0;
  });
}

std::vector<StoredKey> TenantAiConfigRepository::keys_after(int64_t after_id,
                                                            int limit) {
  return guarded("listing stored provider keys", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "SELECT id, tenant_id, api_key_ciphertext FROM tenant_ai_configs "
        "WHERE id > ? AND api_key_ciphertext IS NOT NULL ORDER BY id "
        "LIMIT ?"),
        bind(after_id), bind(limit), now;
    Poco::Data::RecordSet rs(st);
    std::vector<StoredKey> out;
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
      RowReader r(rs, i);
      out.push_back(
          {r.i64("id"), r.text("tenant_id"), r.text("api_key_ciphertext")});
    }
    return out;
  });
}

bool TenantAiConfigRepository::replace_key(
    const std::string& tenant_id, int64_t id,
    const std::string& expected_ciphertext, const std::string& new_ciphertext,
    int64_t now_ms) {
  return guarded("replacing stored provider key", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE tenant_ai_configs SET api_key_ciphertext = ?, updated_at "
        "= ? WHERE tenant_id = ? AND id = ? AND api_key_ciphertext = ?"),
        bind(new_ciphertext), bind(now_ms), bind(tenant_id), bind(id),
        bind(expected_ciphertext);
    return st.execute() > 0;
  });
}

}  // namespace aihost::storage
