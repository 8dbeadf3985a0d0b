// aihost plugins check on good, refused and malformed registries.
#include "cli_fixture.hpp"
#include "subprocess.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace aihost::testing;
using nlohmann::json;

namespace {

// AIHOST_PLUGIN_DIR is unset so the default (lib/plugins beside the
// binary's folder) is what finds the plugins.
RunOptions default_plugin_dir() {
  RunOptions o;
  o.unset_env = {"AIHOST_PLUGIN_DIR", "AIHOST_REGISTRY"};
  return o;
}

}  // namespace

TEST_CASE("plugins check passes a registry whose plugins all load",
          "[cli][check]") {
  TempDir dir;
  auto file = write_registry(
      dir, echo_entry() + variant_entry("    status: disabled\n"));
  auto r =
      run({aihost_binary(), "plugins", "check", "--registry", file.string()},
          default_plugin_dir());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::Matches(
                 "(.|\n)*c-echo +loaded +1\\.0 +1\\.0\\.0 +llm\\.chat(.|\n)*"));
  CHECK_THAT(r.out, Catch::Matches("(.|\n)*variant +disabled(.|\n)*"));
  CHECK_THAT(r.out,
             Catch::Contains("2 plugin(s): 1 loaded, 0 refused, 1 disabled"));

  auto j = run({aihost_binary(), "plugins", "check", "--json", "--registry",
                file.string()},
               default_plugin_dir());
  CHECK(j.exit_code == 0);
  auto doc = json::parse(j.out);
  CHECK(doc["ok"] == true);
  REQUIRE(doc["plugins"].size() == 2);
  CHECK(doc["plugins"][0]["id"] == "c-echo");
  CHECK(doc["plugins"][0]["status"] == "loaded");
  CHECK(doc["plugins"][0]["abi"] == "1.0");
  CHECK(doc["plugins"][0]["version"] == "1.0.0");
  CHECK(doc["plugins"][0]["library"] == AIHOST_PLUGIN_DIR "/test-c-echo.so");
  CHECK(doc["plugins"][1]["status"] == "disabled");
}

TEST_CASE("plugins check fails when an enabled plugin is refused",
          "[cli][check]") {
  TempDir dir;
  auto file = write_registry(
      dir, echo_entry() +
               "  - id: ghost\n    library: ghost.so\n    abi: \"1.0\"\n"
               "    capabilities: [llm.chat]\n");
  auto r =
      run({aihost_binary(), "plugins", "check", "--registry", file.string()},
          default_plugin_dir());
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.out, Catch::Contains("c-echo") && Catch::Contains("ghost"));
  CHECK_THAT(r.out, Catch::Contains("refused: " + file.string() +
                                    ":7: plugin 'ghost': field 'library': " +
                                    (dir.path() / "ghost.so").string() +
                                    ": no such plugin file"));

  auto j = run({aihost_binary(), "plugins", "check", "--json", "--registry",
                file.string()},
               default_plugin_dir());
  CHECK(j.exit_code == 3);
  auto doc = json::parse(j.out);
  CHECK(doc["ok"] == false);
  CHECK(doc["plugins"][0]["status"] == "loaded");
  CHECK(doc["plugins"][1]["status"] == "refused");
  CHECK(doc["plugins"][1]["field"] == "library");
}

TEST_CASE("plugins check refuses a malformed registry with its position",
          "[cli][check]") {
  TempDir dir;
  auto file = dir.write("providers.yaml",
                        "version: 1\nplugins:\n  - id: c-echo\n    abi: [1\n");
  auto r =
      run({aihost_binary(), "plugins", "check", "--registry", file.string()});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err,
             Catch::Contains("registry refused: " + file.string() + ":") &&
                 Catch::Contains("malformed YAML"));

  auto j = run({aihost_binary(), "plugins", "check", "--json", "--registry",
                file.string()});
  CHECK(j.exit_code == 3);
  auto doc = json::parse(j.out);
  CHECK(doc["ok"] == false);
  CHECK(doc["error"]["code"] == "registry_invalid");

  auto missing = run({aihost_binary(), "plugins", "check", "--registry",
                      (dir.path() / "absent.yaml").string()});
  CHECK(missing.exit_code == 3);
  CHECK_THAT(missing.err, Catch::Contains("absent.yaml: cannot open"));
}
