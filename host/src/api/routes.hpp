// Route groups, one file each; the server registers them all.
#pragma once

#include "api/app_context.hpp"
#include "api/router.hpp"

namespace aihost::api {

// GET /healthz, GET /readyz
void add_health_routes(Router& router, AppContext& app);
// GET /v1/plugins
void add_plugin_routes(Router& router, AppContext& app);

// Every group above, in one call.
void add_all_routes(Router& router, AppContext& app);

}  // namespace aihost::api
