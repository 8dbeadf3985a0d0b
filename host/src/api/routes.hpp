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

// POST /v1/chat/completions (plain, structured, streamed)
void add_openai_chat_routes(Router& router, AppContext& app);
// POST /v1/audio/transcriptions
void add_openai_audio_routes(Router& router, AppContext& app);
// GET /v1/models, GET /v1/models/{model}
void add_openai_model_routes(Router& router, AppContext& app);

// POST /v1/transcriptions, /v1/call-analyses, /v1/redactions,
// /v1/analyses/{task}; GET /v1/jobs[/{id}]; POST /v1/jobs/{id}/cancel
void add_tenant_job_routes(Router& router, AppContext& app);
// GET /v1/features, /v1/usage, /v1/budget, /v1/webhook-secret
void add_tenant_account_routes(Router& router, AppContext& app);

// Every group above, in one call.
void add_all_routes(Router& router, AppContext& app);

}  // namespace aihost::api
