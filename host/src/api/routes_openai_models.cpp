// GET /v1/models and GET /v1/models/{model}: the models this server can
// route to, from the loaded plugins' registry defaults, in OpenAI's list
// shape so that SDK model listings work.
#include "api/api_error.hpp"
#include "api/routes.hpp"

#include <chrono>
#include <set>

namespace aihost::api {
namespace {

using json = nlohmann::json;

json model_list(const AppContext& app) {
  json data = json::array();
  auto registry = app.registry.current();
  if (!registry) return data;
  const auto created = std::chrono::duration_cast<std::chrono::seconds>(
                           registry->loaded_at().time_since_epoch())
                           .count();
  std::set<std::string> seen;
  for (const auto& entry : registry->plugins()) {
    if (entry.status != plugins::PluginStatus::loaded) continue;
    for (const auto& [capability, value] : entry.spec.models.items()) {
      if (!value.is_string()) continue;
      const std::string model = value.get<std::string>();
      if (model.empty() || !seen.insert(model).second) continue;
      data.push_back({{"id", model},
                      {"object", "model"},
                      {"created", created},
                      {"owned_by", entry.id()}});
    }
  }
  return data;
}

}  // namespace

void add_openai_model_routes(Router& router, AppContext& app) {
  router.add("GET", "/v1/models", Access::kTenant, [&app](Exchange& ex) {
    ex.send_json(200, {{"object", "list"}, {"data", model_list(app)}});
  });
  router.add("GET", "/v1/models/{model}", Access::kTenant,
             [&app](Exchange& ex) {
               for (const auto& m : model_list(app))
                 if (m["id"] == ex.param("model")) {
                   ex.send_json(200, m);
                   return;
                 }
               throw ApiError(404, "model_not_found",
                              "no model '" + ex.param("model") + "'");
             });
}

}  // namespace aihost::api
