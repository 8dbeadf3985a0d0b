// /admin/v1/tenants/{id}/providers[/{capability}]: which provider, model,
// key and plugin configuration a tenant uses per capability. The key is
// write-only: it is encrypted with the current master key before it is
// stored and only ever shown masked; instance configuration never carries
// secrets.
#include "api/routes.hpp"
#include "api/routes_admin_support.hpp"
#include "routing/capability.hpp"
#include "security/key_cipher.hpp"
#include "security/stored_key_display.hpp"
#include "settings/settings.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/transaction.hpp"

#include <algorithm>

namespace aihost::api {
namespace {

using nlohmann::json;

routing::CapabilityInfo capability_param(const Exchange& ex) {
  const std::string& name = ex.param("capability");
  auto capability = routing::normalise_capability(name);
  if (!capability)
    throw ApiError(404, "unknown_capability",
                   "unknown capability '" + name +
                       "' (llm.chat, audio.transcribe, pii.redact)");
  return *routing::find_capability(*capability);
}

std::optional<security::KeyCipher> cipher_of(const AppContext& app) {
  if (app.settings && app.settings->encryption_keys)
    return security::KeyCipher(*app.settings->encryption_keys);
  return std::nullopt;
}

json config_json(const storage::TenantAiConfig& r,
                 const std::optional<security::KeyCipher>& cipher) {
  const auto capability =
      routing::normalise_capability(r.provider_type).value_or(r.provider_type);
  json config = json::parse(r.config_json, nullptr, false);
  if (config.is_discarded()) config = json::object();
  const std::string key = security::stored_key_display(
      cipher ? &*cipher : nullptr, r.api_key_ciphertext);
  return {{"id", r.id},
          {"tenant_id", r.tenant_id},
          {"capability", capability},
          {"provider", r.provider_name},
          {"model", r.model},
          {"api_key", key.empty() ? json() : json(key)},
          {"config", config},
          {"active", r.active},
          {"created_at_ms", r.created_at_ms},
          {"updated_at_ms", r.updated_at_ms}};
}

// The provider must be a plugin of the registry in use that offers the
// capability; without a registry (not loaded yet) this is not checked.
void check_provider(AppContext& app, const std::string& provider,
                    const routing::CapabilityInfo& info) {
  auto registry = app.registry.current();
  if (!registry) return;
  const auto* entry = registry->find(provider);
  if (!entry)
    admin::invalid("provider",
                   "'" + provider + "' is not a plugin of the registry");
  const auto& caps = entry->spec.capabilities;
  if (std::find(caps.begin(), caps.end(), info.capability) == caps.end())
    admin::invalid("provider", "'" + provider + "' does not offer " +
                                   std::string(info.capability));
}

void put_config(AppContext& app, Exchange& ex) {
  const auto info = capability_param(ex);
  auto body =
      admin::object_body(ex, {"provider", "model", "api_key", "config"});
  auto provider = admin::string_field(body, "provider", 100);
  if (!provider) admin::invalid("provider", "is required");
  auto model = admin::string_field(body, "model", 200).value_or("");
  json config = json::object();
  if (auto it = body.find("config"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) admin::invalid("config", "must be a JSON object");
    for (const auto& [k, v] : it->items())
      if (security::names_secret(k))
        admin::invalid("config." + k,
                       "must not carry secrets; send the key as api_key");
    config = *it;
  }
  // api_key: a string sets the key, null removes it, absent keeps the key
  // of the active configuration when the provider stays the same.
  const auto key_it = body.find("api_key");
  const bool key_given = key_it != body.end() && !key_it->is_null();
  const bool key_removed = key_it != body.end() && key_it->is_null();
  if (key_given &&
      (!key_it->is_string() || key_it->get_ref<const std::string&>().empty()))
    admin::invalid("api_key", "must be a non-empty string");
  if (key_given &&
      key_it->get_ref<const std::string&>().size() > security::kMaxSecretBytes)
    admin::invalid("api_key", "is longer than " +
                                  std::to_string(security::kMaxSecretBytes) +
                                  " bytes");
  check_provider(app, *provider, info);

  const auto cipher = cipher_of(app);
  if (key_given && !cipher)
    throw ApiError(503, "encryption_not_configured",
                   "provider keys are stored encrypted: set "
                   "AI_ENCRYPTION_KEYS to accept them");
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);

  storage::TenantAiConfig row;
  row.tenant_id = tenant;
  row.provider_type = std::string(info.provider_type);
  row.provider_name = *provider;
  row.model = model;
  row.config_json = config.dump();
  if (key_given)
    row.api_key_ciphertext =
        cipher->encrypt(key_it->get_ref<const std::string&>());

  storage::Transaction tx(conn);
  storage::TenantAiConfigRepository repo(conn);
  if (!key_given && !key_removed) {
    auto current = repo.find_active(tenant, row.provider_type);
    if (current && current->provider_name == row.provider_name)
      row.api_key_ciphertext = current->api_key_ciphertext;
  }
  const int64_t id = repo.replace_active(row, storage::now_ms());
  tx.commit();
  admin::tenant_changed(app, tenant);
  ex.send_json(200, config_json(*repo.find(tenant, id), cipher));
}

void get_config(AppContext& app, Exchange& ex) {
  const auto info = capability_param(ex);
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  auto row = storage::TenantAiConfigRepository(conn).find_active(
      tenant, std::string(info.provider_type));
  if (!row)
    throw ApiError(404, "provider_config_not_found",
                   "tenant '" + tenant + "' has no active configuration for " +
                       std::string(info.capability));
  ex.send_json(200, config_json(*row, cipher_of(app)));
}

void list_configs(AppContext& app, Exchange& ex) {
  bool all = false;
  if (auto v = ex.query("include_inactive")) {
    if (*v != "true" && *v != "false")
      admin::invalid("include_inactive", "must be true or false");
    all = *v == "true";
  }
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  const auto cipher = cipher_of(app);
  json data = json::array();
  for (const auto& r : storage::TenantAiConfigRepository(conn).list(tenant))
    if (r.active || all) data.push_back(config_json(r, cipher));
  ex.send_json(200, {{"data", data}});
}

void delete_config(AppContext& app, Exchange& ex) {
  const auto info = capability_param(ex);
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  storage::TenantAiConfigRepository repo(conn);
  auto row = repo.find_active(tenant, std::string(info.provider_type));
  if (!row || !repo.deactivate(tenant, row->id, storage::now_ms()))
    throw ApiError(404, "provider_config_not_found",
                   "tenant '" + tenant + "' has no active configuration for " +
                       std::string(info.capability));
  admin::tenant_changed(app, tenant);
  ex.send_json(200, {{"id", row->id},
                     {"tenant_id", tenant},
                     {"capability", std::string(info.capability)},
                     {"active", false}});
}

}  // namespace

void add_admin_provider_routes(Router& router, AppContext& app) {
  const auto bind = [&app](void (*fn)(AppContext&, Exchange&)) {
    return [&app, fn](Exchange& ex) { fn(app, ex); };
  };
  router.add("GET", "/admin/v1/tenants/{id}/providers", Access::kAdmin,
             bind(list_configs));
  router.add("PUT", "/admin/v1/tenants/{id}/providers/{capability}",
             Access::kAdmin, bind(put_config));
  router.add("GET", "/admin/v1/tenants/{id}/providers/{capability}",
             Access::kAdmin, bind(get_config));
  router.add("DELETE", "/admin/v1/tenants/{id}/providers/{capability}",
             Access::kAdmin, bind(delete_config));
}

}  // namespace aihost::api
