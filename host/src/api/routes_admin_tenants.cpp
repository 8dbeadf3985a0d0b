// /admin/v1/tenants: create, list, read, rename and (de)activate tenants,
// and issue, list and revoke their API keys. A key is returned once, when
// issued; afterwards only its public display form is ever shown.
#include "api/routes.hpp"
#include "api/routes_admin_support.hpp"
#include "security/tenant_api_key.hpp"
#include "settings/settings.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage_error.hpp"
#include "storage/tenant_api_key_repository.hpp"
#include "storage/tenant_id.hpp"

namespace aihost::api {
namespace {

using nlohmann::json;

void create_tenant(AppContext& app, Exchange& ex) {
  auto body = admin::object_body(ex, {"id", "name"});
  auto name = admin::string_field(body, "name", storage::kMaxTenantNameLength);
  if (!name) admin::invalid("name", "is required");
  auto id = admin::string_field(body, "id", storage::kMaxTenantIdLength);
  if (!id) {
    id = storage::tenant_id_from_name(*name);
    if (!storage::valid_tenant_id(*id))
      admin::invalid("id",
                     "cannot be derived from the name; give one of 1-64 "
                     "[a-z0-9_-] starting with a letter or digit");
  } else if (!storage::valid_tenant_id(*id)) {
    admin::invalid("id",
                   "must be 1-64 of [a-z0-9_-], starting with a letter or "
                   "digit");
  }
  auto conn = require(app.database, "the store").connect();
  storage::TenantRepository repo(conn);
  const auto exists = [&] {
    return ApiError(409, "tenant_exists",
                    "tenant '" + *id + "' already exists");
  };
  if (repo.find(*id)) throw exists();
  try {
    repo.create(*id, *name, storage::now_ms());
  } catch (const storage::StorageError& e) {
    // Created by a concurrent request between the check and the insert.
    if (e.code() == "storage.conflict") throw exists();
    throw;
  }
  ex.response.set("Location", "/admin/v1/tenants/" + *id);
  ex.send_json(201, admin::tenant_json(*repo.find(*id)));
}

void list_tenants(AppContext& app, Exchange& ex) {
  bool all = false;
  if (auto v = ex.query("include_inactive")) {
    if (*v != "true" && *v != "false")
      admin::invalid("include_inactive", "must be true or false");
    all = *v == "true";
  }
  auto conn = require(app.database, "the store").connect();
  json data = json::array();
  for (const auto& t : storage::TenantRepository(conn).list(all))
    data.push_back(admin::tenant_json(t));
  ex.send_json(200, {{"data", data}});
}

void update_tenant(AppContext& app, Exchange& ex) {
  auto body = admin::object_body(ex, {"name", "active"});
  auto name = admin::string_field(body, "name", storage::kMaxTenantNameLength);
  auto active = admin::bool_field(body, "active");
  if (!name && !active)
    throw ApiError(400, "invalid_request",
                   "give at least one of 'name' and 'active'");
  const std::string& id = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, id);
  storage::TenantRepository repo(conn);
  const int64_t now = storage::now_ms();
  if (name) repo.rename(id, *name, now);
  if (active) repo.set_active(id, *active, now);
  // An inactive tenant's keys stop authenticating at once.
  if (active) admin::tenant_changed(app, id);
  ex.send_json(200, admin::tenant_json(*repo.find(id)));
}

json key_json(const storage::TenantApiKey& k) {
  return {{"id", k.id},
          {"tenant_id", k.tenant_id},
          {"display", "aih_" + k.key_prefix + "_…"},
          {"label", k.label},
          {"created_at_ms", k.created_at_ms},
          {"revoked", k.revoked_at_ms.has_value()},
          {"revoked_at_ms", k.revoked_at_ms ? json(*k.revoked_at_ms) : json()}};
}

void issue_key(AppContext& app, Exchange& ex) {
  auto body = admin::object_body(ex, {"label"}, true);
  auto label = admin::string_field(body, "label", 200).value_or("");
  const auto& settings = require(app.settings, "the settings");
  if (settings.api_key_pepper.empty())
    throw ApiError(503, "api_key_pepper_missing",
                   "AI_API_KEY_PEPPER is not set; tenant API keys are hashed "
                   "with it");
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  auto issued = security::issue_tenant_key(settings.api_key_pepper.reveal());
  storage::TenantApiKeyRepository repo(conn);
  const int64_t now = storage::now_ms();
  const int64_t id =
      repo.insert(tenant, issued.public_id, issued.hash, label, now);
  ex.send_json(201, {{"id", id},
                     {"tenant_id", tenant},
                     {"key", issued.key.reveal()},
                     {"display", issued.display},
                     {"label", label},
                     {"created_at_ms", now}});
}

void list_keys(AppContext& app, Exchange& ex) {
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  json data = json::array();
  for (const auto& k : storage::TenantApiKeyRepository(conn).list(tenant))
    data.push_back(key_json(k));
  ex.send_json(200, {{"data", data}});
}

void revoke_key(AppContext& app, Exchange& ex) {
  const std::string& tenant = ex.param("id");
  const int64_t key_id = admin::id_param(ex, "key_id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  if (!storage::TenantApiKeyRepository(conn).revoke(tenant, key_id,
                                                    storage::now_ms()))
    throw ApiError(
        404, "key_not_found",
        "tenant '" + tenant + "' has no live key " + std::to_string(key_id));
  admin::tenant_changed(app, tenant);
  ex.send_json(200, {{"id", key_id}, {"tenant_id", tenant}, {"revoked", true}});
}

}  // namespace

void add_admin_tenant_routes(Router& router, AppContext& app) {
  const auto bind = [&app](void (*fn)(AppContext&, Exchange&)) {
    return [&app, fn](Exchange& ex) { fn(app, ex); };
  };
  router.add("POST", "/admin/v1/tenants", Access::kAdmin, bind(create_tenant));
  router.add("GET", "/admin/v1/tenants", Access::kAdmin, bind(list_tenants));
  router.add(
      "GET", "/admin/v1/tenants/{id}", Access::kAdmin, [&app](Exchange& ex) {
        auto conn = require(app.database, "the store").connect();
        ex.send_json(200, admin::tenant_json(
                              admin::require_tenant(conn, ex.param("id"))));
      });
  router.add("PATCH", "/admin/v1/tenants/{id}", Access::kAdmin,
             bind(update_tenant));
  router.add("POST", "/admin/v1/tenants/{id}/keys", Access::kAdmin,
             bind(issue_key));
  router.add("GET", "/admin/v1/tenants/{id}/keys", Access::kAdmin,
             bind(list_keys));
  router.add("DELETE", "/admin/v1/tenants/{id}/keys/{key_id}", Access::kAdmin,
             bind(revoke_key));
}

}  // namespace aihost::api
