// What a tenant may read about its own account: features and limits,
// usage and cost, budget state and alerts, and its webhook signing secret.
#include "api/api_error.hpp"
#include "api/job_view.hpp"
#include "api/routes.hpp"
#include "api/usage_view.hpp"
#include "governance/billing_period.hpp"
#include "governance/budget_service.hpp"
#include "governance/feature_rules.hpp"
#include "governance/tenant_directory.hpp"
#include "governance/usd_text.hpp"
#include "jobs/webhook.hpp"
#include "settings/settings.hpp"
#include "storage/sql_dialect.hpp"

namespace aihost::api {
namespace {

using json = nlohmann::json;

// The features document the admin API shows, as this tenant may use it: a
// feature the server switched off (AI_FEATURE_*) reads as off here.
json features_view(const AppContext& app, const storage::TenantFeatures& f) {
  json doc = governance::features_json(f, true);
  doc.erase("stored");
  if (app.settings) {
    const auto& global = app.settings->features;
    doc["transcription"] =
        doc["transcription"].get<bool>() && global.transcription;
    doc["pii"] = doc["pii"].get<bool>() && global.pii;
    doc["summary"] = doc["summary"].get<bool>() && global.summary;
    doc["sentiment"] = doc["sentiment"].get<bool>() && global.sentiment;
    doc["coaching"] = doc["coaching"].get<bool>() && global.coaching;
  }
  return doc;
}

void budget(Exchange& ex, AppContext& app) {
  auto& budgets = require(app.budgets, "the budget service");
  const int64_t now = storage::now_ms();
  const auto status = budgets.status(ex.tenant_id, now);
  json body = {
      {"period", status.period},
      {"budget_usd", status.budget_micros
                         ? json(governance::usd_decimal(*status.budget_micros))
                         : json(nullptr)},
      {"spent_usd", governance::usd_decimal(status.spent_micros)},
      // Held by calls in flight and by servers' budget leases.
      {"reserved_usd", governance::usd_decimal(status.reserved_micros)},
      {"available_usd", nullptr}};
  if (status.budget_micros)
    body["available_usd"] = governance::usd_decimal(std::max<int64_t>(
        0,
        *status.budget_micros - status.spent_micros - status.reserved_micros));
  json alerts = json::array();
  for (const auto& a : budgets.alerts(ex.tenant_id, status.period))
    alerts.push_back({{"threshold_percent", a.threshold_percent},
                      {"spent_usd", governance::usd_decimal(a.spent_micros)},
                      {"budget_usd", governance::usd_decimal(a.budget_micros)},
                      {"created_at", rfc3339(a.created_at_ms)}});
  body["alerts"] = alerts;
  ex.send_json(200, body);
}

}  // namespace

void add_tenant_account_routes(Router& router, AppContext& app) {
  router.add("GET", "/v1/features", Access::kTenant, [&app](Exchange& ex) {
    auto& tenants = require(app.tenants, "the tenant directory");
    ex.send_json(200, features_view(app, *tenants.features(ex.tenant_id)));
  });
  router.add("GET", "/v1/usage", Access::kTenant, [&app](Exchange& ex) {
    auto query = usage_query(ex, false, "provider,model,operation");
    query.tenant_id = ex.tenant_id;
    ex.send_json(200, usage_report(require(app.database, "the store"), query));
  });
  router.add("GET", "/v1/budget", Access::kTenant,
             [&app](Exchange& ex) { budget(ex, app); });
  router.add(
      "GET", "/v1/webhook-secret", Access::kTenant, [&app](Exchange& ex) {
        if (!app.settings || app.settings->webhook_secret.empty())
          throw ApiError(503, "webhooks_disabled",
                         "webhooks are off on this server "
                         "(AI_WEBHOOK_SECRET is unset)");
        ex.send_json(200, {{"secret", jobs::webhook_secret(
                                          app.settings->webhook_secret.reveal(),
                                          ex.tenant_id)},
                           {"signature_header", "x-aihost-signature"},
                           {"scheme",
                            "t=<unix seconds>,v1=<hex HMAC-SHA256 "
                            "of \"<t>.<body>\" keyed by the secret>"}});
      });
}

}  // namespace aihost::api
