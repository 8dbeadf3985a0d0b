// docs/openapi.json: served as the repository holds it, a well-formed
// OpenAPI 3.0 document, and in step with the router: every registered
// route is documented and every documented operation is registered.
#include "admin_world.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace aihost::testing;
using nlohmann::json;

namespace {

json repository_document() {
  std::ifstream in(std::string(AIHOST_SOURCE_DIR) + "/docs/openapi.json");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(c));
  return s;
}

// Every "$ref" in the document names something that exists.
void check_refs(const json& doc, const json& node) {
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) {
      if (k == "$ref") {
        const std::string ref = v;
        REQUIRE_THAT(ref, Catch::StartsWith("#/"));
        INFO(ref);
        CHECK(doc.contains(json::json_pointer(ref.substr(1))));
      } else {
        check_refs(doc, v);
      }
    }
  } else if (node.is_array()) {
    for (const auto& v : node) check_refs(doc, v);
  }
}

}  // namespace

TEST_CASE("/openapi.json serves the repository's document") {
  AdminWorld w;
  auto r = w.call("GET", "/openapi.json", std::nullopt, "");
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/json");
  CHECK(r.body == repository_document());
}

TEST_CASE("the OpenAPI document and the router list the same operations") {
  AdminWorld w;
  const json doc = repository_document();
  CHECK(doc["openapi"] == "3.0.3");
  REQUIRE(doc["paths"].is_object());
  check_refs(doc, doc);

  std::set<std::string> routed, documented;
  for (const auto& route : w.server->router().routes()) {
    const std::string op = lower(route.method) + " " + route.pattern;
    CHECK(routed.insert(op).second);  // no route registered twice
    auto path = doc["paths"].find(route.pattern);
    INFO("route not documented: " << op);
    REQUIRE(path != doc["paths"].end());
    REQUIRE(path->contains(lower(route.method)));
    const json& operation = (*path)[lower(route.method)];
    // The documented security is the route's access level.
    const json security = operation.value("security", json::array());
    switch (route.access) {
      case aihost::api::Access::kPublic:
        CHECK(security.empty());
        break;
      case aihost::api::Access::kTenant:
        CHECK(security == json::array({{{"tenantKey", json::array()}}}));
        break;
      case aihost::api::Access::kAdmin:
        CHECK(security == json::array({{{"adminToken", json::array()}}}));
        break;
    }
    // Path parameters in the pattern are declared, and only those.
    std::set<std::string> in_pattern, declared;
    for (size_t at = route.pattern.find('{'); at != std::string::npos;
         at = route.pattern.find('{', at + 1))
      in_pattern.insert(
          route.pattern.substr(at + 1, route.pattern.find('}', at) - at - 1));
    for (const auto& p : operation.value("parameters", json::array()))
      if (p.value("in", "") == "path")
        declared.insert(p["name"].get<std::string>());
    CHECK(in_pattern == declared);
    CHECK(operation.contains("responses"));
  }
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, operation] : item.items()) {
      const std::string op = method + " " + path;
      documented.insert(op);
      INFO("documented but not routed: " << op);
      CHECK(routed.count(op) == 1);
    }
  CHECK(routed == documented);
}
