// Liveness says the process answers; readiness says it can serve work,
// which needs a registry snapshot.
#include "api/routes.hpp"

namespace aihost::api {

void add_health_routes(Router& router, AppContext& app) {
  router.add("GET", "/healthz", [](Exchange& ex) {
    ex.send_json(200, {{"status", "ok"}});
  });
  router.add("GET", "/readyz", [&app](Exchange& ex) {
    auto registry = app.registry.current();
    if (!registry) {
      std::string why = app.registry.last_error();
      ex.send_error(
          503, "not_ready",
          "no plugin registry loaded" + (why.empty() ? "" : ": " + why));
      return;
    }
    nlohmann::json body = {
        {"status", "ready"},
        {"registry",
         {{"file", registry->file().string()},
          {"plugins", registry->plugins().size()},
          {"loaded", registry->loaded_count()},
          {"refused_enabled", registry->enabled_refused()}}}};
    // A reload that failed is worth seeing; the old snapshot still serves.
    if (auto err = app.registry.last_error(); !err.empty())
      body["registry"]["last_reload_error"] = err;
    ex.send_json(200, body);
  });
}

}  // namespace aihost::api
