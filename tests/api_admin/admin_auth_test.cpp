// Who may use the admin API: only the admin token. Tenant keys, wrong and
// missing tokens are refused with distinct codes, and without a configured
// token the admin API is off rather than open.
#include "admin_world.hpp"

#include <catch2/catch.hpp>

using namespace aihost::testing;
using nlohmann::json;

TEST_CASE("admin routes need the admin token") {
  AdminWorld w;
  w.tenant("acme");
  auto issued = w.call("POST", "/admin/v1/tenants/acme/keys", json::object());
  REQUIRE(issued.status == 201);
  const std::string tenant_key = issued.body["key"];

  // Every admin route refuses all but the admin token.
  for (const auto& route : w.server->router().routes()) {
    if (route.access != aihost::api::Access::kAdmin) continue;
    std::string path = route.pattern;
    for (auto [from, to] :
         {std::pair{"{id}", "acme"}, std::pair{"{key_id}", "1"},
          std::pair{"{capability}", "llm.chat"}}) {
      auto at = path.find(from);
      if (at != std::string::npos)
        path.replace(at, std::string(from).size(), to);
    }
    INFO(route.method << " " << path);
    auto none = w.call(route.method, path, std::nullopt, "");
    CHECK(none.status == 401);
    CHECK(none.code() == "missing_admin_token");
    auto wrong = w.call(route.method, path, std::nullopt, "not-the-token");
    CHECK(wrong.status == 401);
    CHECK(wrong.code() == "invalid_admin_token");
    auto tenant = w.call(route.method, path, std::nullopt, tenant_key);
    CHECK(tenant.status == 403);
    CHECK(tenant.code() == "admin_required");
  }
  // Neither the token nor the key is echoed in any answer.
  CHECK(w.transcript().find("not-the-token") == std::string::npos);
  CHECK(w.transcript().find(kAdminToken) == std::string::npos);
}

TEST_CASE("without AI_ADMIN_TOKEN the admin API is disabled, not open") {
  WorldOptions o;
  o.admin_token = false;
  AdminWorld w(aihost::storage::Engine::kSqlite, o);
  auto r = w.call("GET", "/admin/v1/tenants", std::nullopt, "anything");
  CHECK(r.status == 403);
  CHECK(r.code() == "admin_disabled");
  auto empty = w.call("GET", "/admin/v1/tenants", std::nullopt, "");
  CHECK(empty.status == 401);
  CHECK(w.call("GET", "/healthz", std::nullopt, "").status == 200);
}
