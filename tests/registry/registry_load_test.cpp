// The good paths of the registry: entries that load, what a loaded entry
// carries, and entries that are skipped on purpose.
#include "plugins/provider_instance.hpp"
#include "plugins/registry.hpp"
#include "plugins/sha256.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using aihost::testing::built_plugin;
using aihost::testing::TempDir;
using plugins::PluginStatus;
using plugins::Registry;

namespace {

std::string good_entry(const std::string& id, const std::string& library,
                       const std::string& extra = "") {
  return "  - id: " + id + "\n    library: " + library +
         "\n    abi: \"1.0\"\n    capabilities: [llm.chat]\n" + extra;
}

}  // namespace

TEST_CASE("a valid entry loads with its library, egress and defaults",
          "[registry]") {
  TempDir dir;
  dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  auto file = dir.write(
      "providers.yaml",
      "version: 1\nplugins:\n" +
          good_entry(
              "variant", built_plugin("test-reg-good.so").string(),
              "    status: enabled\n"
              "    upstream: {base_url: http://127.0.0.1:9, "
              "connect_timeout_ms: 250,"
              " read_timeout_ms: 500, total_timeout_ms: 900, max_retries: 1,"
              " backoff_initial_ms: 10, backoff_max_ms: 20,"
              " max_idle_per_origin: 3, idle_timeout_ms: 700,"
              " extra_ca_file: ca.pem}\n"
              "    defaults: {models: {llm.chat: small-model}}\n"
              "    config: {label: from-registry, nested: {n: 3, f: 0.5, "
              "yes: true, quoted: \"7\"}}\n"));
  auto registry = Registry::load(file);
  REQUIRE(registry->plugins().size() == 1);
  const auto& entry = registry->plugins()[0];
  INFO(entry.refusal(file));
  REQUIRE(entry.status == PluginStatus::loaded);
  CHECK(entry.library->version() == "1.0.0");
  CHECK(entry.library->abi() == "1.0");
  REQUIRE(entry.egress);
  CHECK(entry.egress->policy().connect_timeout_ms == 250);
  CHECK(entry.egress->policy().read_timeout_ms == 500);
  CHECK(entry.egress->policy().total_timeout_ms == 900);
  CHECK(entry.egress->policy().max_retries == 1);
  CHECK(entry.egress->policy().backoff_max_ms == 20);
  CHECK(entry.egress->policy().max_idle_per_origin == 3);
  CHECK(entry.egress->policy().idle_timeout_ms == 700);
  CHECK(entry.egress->policy().extra_ca_file ==
        (dir.path() / "ca.pem").string());
  CHECK(registry->enabled_refused() == 0);
  CHECK(registry->loaded_count() == 1);

  auto config = entry.instance_config("llm.chat");
  CHECK(config["base_url"] == "http://127.0.0.1:9");
  CHECK(config["model"] == "small-model");
  CHECK(config["label"] == "from-registry");
  CHECK(config["nested"]["n"] == 3);
  CHECK(config["nested"]["f"] == 0.5);
  CHECK(config["nested"]["yes"] == true);
  CHECK(config["nested"]["quoted"] == "7");  // quoted YAML stays a string

  plugins::ProviderInstance instance(entry.library, config, entry.egress);
  plugins::Invocation call;
  call.operation = "llm.chat";
  auto out = instance.invoke(call);
  REQUIRE(out.ok());
  CHECK(out.result["version"] == "1.0.0");
  CHECK(out.result["label"] == "from-registry");

  auto described = registry->describe();
  REQUIRE(described.size() == 1);
  CHECK(described[0]["id"] == "variant");
  CHECK(described[0]["status"] == "loaded");
  CHECK(described[0]["version"] == "1.0.0");
  CHECK(described[0]["capabilities"] == nlohmann::json::array({"llm.chat"}));
  CHECK(described[0]["sha256"] == plugins::sha256_hex(plugins::read_file_bytes(
                                      built_plugin("test-reg-good.so"))));
}

TEST_CASE("library paths resolve against the registry folder and ${VAR}",
          "[registry]") {
  TempDir dir;
  dir.install(built_plugin("test-reg-good.so"), "relative.so");
  auto file =
      dir.write("providers.yaml", "version: 1\nplugins:\n" +
                                      good_entry("variant", "relative.so"));
  auto registry = Registry::load(file);
  INFO(registry->plugins()[0].refusal(file));
  CHECK(registry->plugins()[0].status == PluginStatus::loaded);
  CHECK(registry->plugins()[0].library_path == dir.path() / "relative.so");

  auto env = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "AIHOST_PLUGIN_DIR") return std::string(AIHOST_PLUGIN_DIR);
    if (name == "PLUGIN_HOST") return std::string("127.0.0.1:5002");
    return std::nullopt;
  };
  auto expanded = dir.write(
      "expanded.yaml",
      "version: 1\nplugins:\n" +
          good_entry(
              "variant", "${AIHOST_PLUGIN_DIR}/test-reg-good.so",
              "    upstream: {base_url: \"http://${PLUGIN_HOST}/v1\"}\n"));
  auto with_env = Registry::load(expanded, env);
  const auto& entry = with_env->plugins()[0];
  INFO(entry.refusal(expanded));
  CHECK(entry.status == PluginStatus::loaded);
  CHECK(entry.instance_config("llm.chat")["base_url"] ==
        "http://127.0.0.1:5002/v1");

  // ${VAR:-DEFAULT}: the default stands in when the variable is unset.
  auto defaulted = dir.write(
      "defaulted.yaml",
      "version: 1\nplugins:\n" +
          good_entry("variant", "${AIHOST_PLUGIN_DIR}/test-reg-good.so",
                     "    upstream: {base_url: "
                     "\"${NO_SUCH_URL:-http://127.0.0.1:9/v1}\"}\n"));
  auto with_default = Registry::load(defaulted, env);
  CHECK(with_default->plugins()[0].instance_config("llm.chat")["base_url"] ==
        "http://127.0.0.1:9/v1");
  auto overridden = dir.write(
      "overridden.yaml",
      "version: 1\nplugins:\n" +
          good_entry("variant", "${AIHOST_PLUGIN_DIR}/test-reg-good.so",
                     "    upstream: {base_url: "
                     "\"http://${PLUGIN_HOST:-127.0.0.1:9}/v1\"}\n"));
  CHECK(Registry::load(overridden, env)
            ->plugins()[0]
            .instance_config("llm.chat")["base_url"] ==
        "http://127.0.0.1:5002/v1");

  auto unset =
      dir.write("unset.yaml", "version: 1\nplugins:\n" +
                                  good_entry("variant", "${NO_SUCH_DIR}/x.so"));
  auto refused = Registry::load(unset, env);
  CHECK(refused->plugins()[0].status == PluginStatus::refused);
  CHECK(refused->plugins()[0].field == "library");
  CHECK_THAT(refused->plugins()[0].refusal(unset),
             Catch::Contains("NO_SUCH_DIR is not set") &&
                 Catch::Contains(unset.string()));
}

TEST_CASE("a pinned sha256 that matches is accepted", "[registry][sha256]") {
  TempDir dir;
  auto lib = built_plugin("test-reg-good.so");
  std::string digest = plugins::sha256_hex(plugins::read_file_bytes(lib));
  for (auto& c : digest)
    c = static_cast<char>(std::toupper(c));  // case-insensitive
  auto file = dir.write(
      "providers.yaml",
      "version: 1\nplugins:\n" +
          good_entry("variant", lib.string(), "    sha256: " + digest + "\n"));
  auto registry = Registry::load(file);
  INFO(registry->plugins()[0].refusal(file));
  CHECK(registry->plugins()[0].status == PluginStatus::loaded);
}

TEST_CASE("a disabled entry is listed but never loaded", "[registry]") {
  TempDir dir;
  auto file = dir.write("providers.yaml",
                        "version: 1\nplugins:\n" +
                            good_entry("variant", "/nonexistent/variant.so",
                                       "    status: disabled\n"));
  auto registry = Registry::load(file);
  const auto& entry = registry->plugins()[0];
  CHECK(entry.status == PluginStatus::disabled);
  CHECK_FALSE(entry.library);
  CHECK_FALSE(entry.egress);
  CHECK(registry->enabled_refused() == 0);
  CHECK(registry->describe()[0]["status"] == "disabled");
}

TEST_CASE("one broken entry does not stop the others", "[registry]") {
  TempDir dir;
  auto file = dir.write(
      "providers.yaml",
      "version: 1\nplugins:\n" +
          good_entry("c-echo", built_plugin("test-c-echo.so").string()) +
          good_entry("missing", (dir.path() / "missing.so").string()) +
          "  - id: broken\n    library: x.so\n    abi: \"1.0\"\n    "
          "capabilities: llm.chat\n" +
          good_entry("variant", built_plugin("test-reg-good.so").string()));
  auto registry = Registry::load(file);
  REQUIRE(registry->plugins().size() == 4);
  CHECK(registry->find("c-echo")->status == PluginStatus::loaded);
  CHECK(registry->find("missing")->status == PluginStatus::refused);
  CHECK(registry->find("broken")->status == PluginStatus::refused);
  CHECK(registry->find("broken")->field == "capabilities");
  CHECK(registry->find("variant")->status == PluginStatus::loaded);
  CHECK(registry->enabled_refused() == 2);
  CHECK(registry->loaded_count() == 2);
}

TEST_CASE("a second entry with the same id is refused", "[registry]") {
  TempDir dir;
  auto lib = built_plugin("test-reg-good.so").string();
  auto file = dir.write("providers.yaml", "version: 1\nplugins:\n" +
                                              good_entry("variant", lib) +
                                              good_entry("variant", lib));
  auto registry = Registry::load(file);
  REQUIRE(registry->plugins().size() == 2);
  CHECK(registry->plugins()[0].status == PluginStatus::loaded);
  const auto& dup = registry->plugins()[1];
  CHECK(dup.status == PluginStatus::refused);
  CHECK(dup.field == "id");
  CHECK_THAT(dup.refusal(file),
             Catch::Contains(file.string() + ":7: plugin 'variant'") &&
                 Catch::Contains("duplicate id, first defined at line 3"));
}
