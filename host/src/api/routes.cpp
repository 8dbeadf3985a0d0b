#include "api/routes.hpp"

namespace aihost::api {

void add_all_routes(Router& router, AppContext& app) {
  add_health_routes(router, app);
  add_plugin_routes(router, app);
  add_metrics_routes(router, app);
  add_openapi_routes(router, app);
  add_admin_tenant_routes(router, app);
  add_admin_provider_routes(router, app);
  add_admin_feature_routes(router, app);
  add_admin_usage_routes(router, app);
  add_tenant_job_routes(router, app);
  add_tenant_account_routes(router, app);
  add_openai_chat_routes(router, app);
  add_openai_audio_routes(router, app);
  add_openai_model_routes(router, app);
}

}  // namespace aihost::api
