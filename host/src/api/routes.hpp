// Route groups, one file each; the server registers them all.
#pragma once

#include "api/app_context.hpp"
#include "api/router.hpp"

namespace aihost::api {

// GET /healthz, GET /readyz
void add_health_routes(Router& router, AppContext& app);
// GET /admin/v1/plugins, POST /admin/v1/plugins/reload
void add_plugin_routes(Router& router, AppContext& app);
// GET /metrics (Prometheus text format)
void add_metrics_routes(Router& router, AppContext& app);
// GET /openapi.json
void add_openapi_routes(Router& router, AppContext& app);
// /admin/v1/tenants[/{id}], /admin/v1/tenants/{id}/keys[/{key_id}]
void add_admin_tenant_routes(Router& router, AppContext& app);
// /admin/v1/tenants/{id}/providers[/{capability}]
void add_admin_provider_routes(Router& router, AppContext& app);
// /admin/v1/tenants/{id}/features
void add_admin_feature_routes(Router& router, AppContext& app);
// GET /admin/v1/usage
void add_admin_usage_routes(Router& router, AppContext& app);

// Every group above, in one call.
void add_all_routes(Router& router, AppContext& app);

}  // namespace aihost::api
