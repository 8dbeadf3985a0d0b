// GET /admin/v1/usage: spend and quantities across tenants over a window,
// grouped as the operator asks (usage_view.hpp has the parameters and the
// shape, shared with the tenants' own GET /v1/usage).
#include "api/routes.hpp"
#include "api/routes_admin_support.hpp"
#include "api/usage_view.hpp"

namespace aihost::api {
namespace {

void usage(AppContext& app, Exchange& ex) {
  auto query = usage_query(ex, true, "tenant,provider,model,operation");
  auto& db = require(app.database, "the store");
  if (auto v = ex.query("tenant_id")) {
    auto conn = db.connect();
    admin::require_tenant(conn, *v);
    query.tenant_id = *v;
  }
  ex.send_json(200, usage_report(db, query));
}

}  // namespace

void add_admin_usage_routes(Router& router, AppContext& app) {
  router.add("GET", "/admin/v1/usage", Access::kAdmin,
             [&app](Exchange& ex) { usage(app, ex); });
}

}  // namespace aihost::api
