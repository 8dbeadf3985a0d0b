// /admin/v1/tenants/{id}/features: what a tenant may use and its limits.
// PUT changes only the fields it names; the others keep their stored (or
// default) values, like `aihost features set`.
#include "api/routes.hpp"
#include "api/routes_admin_support.hpp"
#include "governance/feature_rules.hpp"
#include "governance/money.hpp"
#include "governance/usd_text.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/tenant_feature_repository.hpp"

#include <cmath>

namespace aihost::api {
namespace {

using nlohmann::json;

storage::TenantFeatures current(storage::Connection& c,
                                const std::string& tenant, bool* stored) {
  auto found = storage::TenantFeatureRepository(c).find(tenant);
  *stored = found.has_value();
  if (found) return *found;
  storage::TenantFeatures f;
  f.tenant_id = tenant;
  return f;
}

// A budget as "12.50" (exact) or a JSON number of dollars; null: no limit.
std::optional<int64_t> budget_micros(const json& v) {
  if (v.is_null()) return std::nullopt;
  const char* kWhy =
      "must be dollars like \"250\" or \"12.50\" (at most six decimals, up "
      "to 999999999), or null for no limit";
  if (v.is_string()) {
    auto micros = governance::parse_usd_micros(v.get<std::string>());
    if (!micros) admin::invalid("monthly_budget_usd", kWhy);
    return micros;
  }
  if (v.is_number()) {
    const double usd = v.get<double>();
    if (!std::isfinite(usd) || usd < 0 || usd >= 1e9)
      admin::invalid("monthly_budget_usd", kWhy);
    return governance::usd_to_micros(usd);
  }
  admin::invalid("monthly_budget_usd", kWhy);
}

void apply_change(storage::TenantFeatures& f, const json& body) {
  for (const char* name : governance::kFeatureToggles)
    if (auto v = admin::bool_field(body, name))
      *governance::feature_toggle(f, name) = *v;
  if (auto it = body.find("pii_entities"); it != body.end()) {
    if (!it->is_array())
      admin::invalid("pii_entities", "must be an array of entity names");
    std::vector<std::string> names;
    for (const auto& e : *it) {
      if (!e.is_string() ||
          !governance::valid_pii_entity(e.get_ref<const std::string&>()))
        admin::invalid("pii_entities",
                       "takes upper-case names like PERSON, EMAIL_ADDRESS");
      names.push_back(e.get<std::string>());
    }
    f.pii_entity_types = std::move(names);
  }
  if (auto it = body.find("pii_threshold"); it != body.end()) {
    if (!it->is_number() || !(it->get<double>() >= 0) || it->get<double>() > 1)
      admin::invalid("pii_threshold", "must be a number from 0 to 1");
    f.pii_confidence_threshold = it->get<double>();
  }
  if (auto v = admin::int_field(body, "max_audio_seconds", 1,
                                governance::kMaxAudioSecondsLimit))
    f.max_audio_duration_seconds = static_cast<int>(*v);
  if (auto v = admin::int_field(body, "max_concurrent_jobs", 1,
                                governance::kMaxConcurrentJobsLimit))
    f.max_concurrent_jobs = static_cast<int>(*v);
  if (auto it = body.find("monthly_budget_usd"); it != body.end())
    f.monthly_budget_micros = budget_micros(*it);
  if (auto v = admin::bool_field(body, "cost_alerts"))
    f.cost_alerts_enabled = *v;
  if (auto it = body.find("cost_alert_thresholds"); it != body.end()) {
    const char* kWhy = "must be an array of percentages from 1 to 1000";
    if (!it->is_array() || it->size() > 10)
      admin::invalid("cost_alert_thresholds", kWhy);
    std::vector<int> thresholds;
    for (const auto& t : *it) {
      if (!t.is_number_integer() || t.get<int64_t>() < 1 ||
          t.get<int64_t>() > 1000)
        admin::invalid("cost_alert_thresholds", kWhy);
      thresholds.push_back(t.get<int>());
    }
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()),
                     thresholds.end());
    f.cost_alert_thresholds = std::move(thresholds);
  }
}

void get_features(AppContext& app, Exchange& ex) {
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  bool stored = false;
  auto f = current(conn, tenant, &stored);
  ex.send_json(200, governance::features_json(f, stored));
}

void put_features(AppContext& app, Exchange& ex) {
  auto body = admin::object_body(
      ex, {"transcription", "pii", "summary", "sentiment", "coaching",
           "pii_entities", "pii_threshold", "max_audio_seconds",
           "max_concurrent_jobs", "monthly_budget_usd", "cost_alerts",
           "cost_alert_thresholds"});
  const std::string& tenant = ex.param("id");
  auto conn = require(app.database, "the store").connect();
  admin::require_tenant(conn, tenant);
  bool stored = false;
  auto f = current(conn, tenant, &stored);
  apply_change(f, body);
  storage::TenantFeatureRepository(conn).upsert(f, storage::now_ms());
  admin::tenant_changed(app, tenant);
  ex.send_json(200, governance::features_json(f, true));
}

}  // namespace

void add_admin_feature_routes(Router& router, AppContext& app) {
  router.add("GET", "/admin/v1/tenants/{id}/features", Access::kAdmin,
             [&app](Exchange& ex) { get_features(app, ex); });
  router.add("PUT", "/admin/v1/tenants/{id}/features", Access::kAdmin,
             [&app](Exchange& ex) { put_features(app, ex); });
}

}  // namespace aihost::api
