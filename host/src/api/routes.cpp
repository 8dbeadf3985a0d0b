#include "api/routes.hpp"

namespace aihost::api {

void add_all_routes(Router& router, AppContext& app) {
  add_health_routes(router, app);
  add_plugin_routes(router, app);
}

}  // namespace aihost::api
