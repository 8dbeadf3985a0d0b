// Liveness says the process answers; readiness says it can serve work,
// which needs a registry snapshot and, when configured, a reachable store.
#include "api/routes.hpp"

#include <Poco/Data/Session.h>

namespace aihost::api {

void add_health_routes(Router& router, AppContext& app) {
  router.add("GET", "/healthz", Access::kPublic, [](Exchange& ex) {
    ex.send_json(200, {{"status", "ok"}});
  });
  router.add("GET", "/readyz", Access::kPublic, [&app](Exchange& ex) {
    auto registry = app.registry.current();
    if (!registry) {
      std::string why = app.registry.last_error();
      ex.send_error(
          503, "not_ready",
          "no plugin registry loaded" + (why.empty() ? "" : ": " + why));
      return;
    }
    nlohmann::json store = nullptr;
    if (app.database) {
      try {
        auto conn = app.database->connect();
        int one = 0;
        conn.session() << "SELECT 1", Poco::Data::Keywords::into(one),
            Poco::Data::Keywords::now;
        store = {{"engine", storage::engine_name(app.database->engine())},
                 {"url", app.database->redacted_url()}};
      } catch (const std::exception& e) {
        ex.send_error(503, "not_ready",
                      std::string("store unreachable: ") + e.what());
        return;
      }
    }
    nlohmann::json body = {
        {"status", "ready"},
        {"store", store},
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
