// The plugin registry through the admin API: its state, a reload that takes
// a changed file, and a broken file refused while the registry in use stays.
#include "admin_world.hpp"

#include <catch2/catch.hpp>

using namespace aihost::testing;

TEST_CASE("plugins are listed and reloaded; a broken registry is refused") {
  AdminWorld w;
  auto listed = w.call("GET", "/admin/v1/plugins");
  REQUIRE(listed.status == 200);
  CHECK(listed.body["registry"] == w.registry_file.string());
  CHECK(listed.body["loaded"] == 1);
  REQUIRE(listed.body["plugins"].size() == 1);
  CHECK(listed.body["plugins"][0]["id"] == "variant");
  CHECK(listed.body["plugins"][0]["status"] == "loaded");
  // The old public route is gone.
  CHECK(w.call("GET", "/v1/plugins", std::nullopt, "").status == 404);

  w.dir.write(
      "providers.yaml",
      "version: 1\nplugins:\n" + variant_plugin_entry() + echo_plugin_entry());
  auto reloaded = w.call("POST", "/admin/v1/plugins/reload");
  REQUIRE(reloaded.status == 200);
  CHECK(reloaded.body["loaded"] == 2);
  CHECK(reloaded.body["plugins"][1]["id"] == "c-echo");
  CHECK(w.changed_tenants() == std::vector<std::string>{""});

  w.dir.write("providers.yaml", "version: 1\nplugins:\n  - {id: broken\n");
  auto refused = w.call("POST", "/admin/v1/plugins/reload");
  CHECK(refused.status == 422);
  CHECK(refused.code() == "registry_invalid");
  CHECK_THAT(refused.body["error"]["message"].get<std::string>(),
             Catch::Contains("stays"));
  auto still = w.call("GET", "/admin/v1/plugins");
  CHECK(still.body["plugins"].size() == 2);
  CHECK(still.body.contains("last_reload_error"));
}
