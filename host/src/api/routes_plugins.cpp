// /admin/v1/plugins: the plugin registry as the server sees it, and a
// reload that swaps in the registry file's current content. A registry that
// cannot be read is refused and the one in use stays, as with SIGHUP.
#include "api/routes.hpp"

#include <chrono>

namespace aihost::api {
namespace {

nlohmann::json registry_json(const plugins::Registry& registry) {
  const auto loaded_at = std::chrono::duration_cast<std::chrono::milliseconds>(
                             registry.loaded_at().time_since_epoch())
                             .count();
  return {{"registry", registry.file().string()},
          {"loaded_at_ms", loaded_at},
          {"loaded", registry.loaded_count()},
          {"refused_enabled", registry.enabled_refused()},
          {"plugins", registry.describe()}};
}

}  // namespace

void add_plugin_routes(Router& router, AppContext& app) {
  router.add("GET", "/admin/v1/plugins", Access::kAdmin, [&app](Exchange& ex) {
    auto registry = app.registry.current();
    if (!registry) {
      std::string why = app.registry.last_error();
      ex.send_error(
          503, "not_ready",
          "no plugin registry loaded" + (why.empty() ? "" : ": " + why));
      return;
    }
    auto body = registry_json(*registry);
    if (auto err = app.registry.last_error(); !err.empty())
      body["last_reload_error"] = err;
    ex.send_json(200, body);
  });
  router.add(
      "POST", "/admin/v1/plugins/reload", Access::kAdmin, [&app](Exchange& ex) {
        auto result = app.registry.reload();
        if (!result.ok) {
          ex.send_error(
              422, "registry_invalid",
              result.error +
                  (result.registry ? " (the registry in use stays)" : ""));
          return;
        }
        // Instances built from the old snapshot are dropped.
        if (app.tenant_changed) app.tenant_changed("");
        ex.send_json(200, registry_json(*result.registry));
      });
}

}  // namespace aihost::api
