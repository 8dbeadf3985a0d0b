// The plugin registry as the server currently sees it.
#include "api/routes.hpp"

#include <chrono>

namespace aihost::api {

void add_plugin_routes(Router& router, AppContext& app) {
  router.add("GET", "/v1/plugins", Access::kPublic, [&app](Exchange& ex) {
    auto registry = app.registry.current();
    if (!registry) {
      ex.send_error(503, "not_ready", "no plugin registry loaded");
      return;
    }
    const auto loaded_at = std::chrono::duration_cast<std::chrono::seconds>(
                               registry->loaded_at().time_since_epoch())
                               .count();
    ex.send_json(200, {{"registry", registry->file().string()},
                       {"loaded_at", loaded_at},
                       {"plugins", registry->describe()}});
  });
}

}  // namespace aihost::api
