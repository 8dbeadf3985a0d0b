// Every way the registry refuses a plugin or a whole file. Each refusal must
// name the registry file, the plugin id, the field and the reason.
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

struct Refusal {
  std::string field;
  std::string message;
};

// Loads a registry holding the one entry `body` (YAML lines of a list item
// indented by four spaces after "  - id: ID") and returns its refusal.
// An entry without a valid id is named by its position ("#1").
Refusal refuse_one(const TempDir& dir, const std::string& id,
                   const std::string& body, const std::string& shown_id = "") {
  auto file = dir.write("providers.yaml",
                        "version: 1\nplugins:\n  - id: " + id + "\n" + body);
  auto registry = Registry::load(file);
  REQUIRE(registry->plugins().size() == 1);
  const auto& entry = registry->plugins()[0];
  REQUIRE(entry.status == PluginStatus::refused);
  CHECK_FALSE(entry.library);
  CHECK(registry->enabled_refused() == 1);
  std::string message = entry.refusal(file);
  // The file, the line of the entry and the plugin id lead every refusal.
  CHECK_THAT(message, Catch::StartsWith(file.string() + ":3: plugin '" +
                                        (shown_id.empty() ? id : shown_id) +
                                        "': field '" + entry.field + "': "));
  return {entry.field, message};
}

std::string library_lines(const std::string& library,
                          const std::string& caps = "[llm.chat]",
                          const std::string& abi = "\"1.0\"") {
  return "    library: " + library + "\n    abi: " + abi +
         "\n    capabilities: " + caps + "\n";
}

}  // namespace

TEST_CASE("a missing library file is refused", "[registry][refusal]") {
  TempDir dir;
  auto r = refuse_one(dir, "variant",
                      library_lines((dir.path() / "gone.so").string()));
  CHECK(r.field == "library");
  CHECK_THAT(r.message, Catch::Contains("gone.so: no such plugin file"));
}

TEST_CASE("a wrong sha256 is refused", "[registry][refusal][sha256]") {
  TempDir dir;
  auto lib = built_plugin("test-reg-good.so");
  const std::string wrong(64, 'a');
  auto r =
      refuse_one(dir, "variant",
                 library_lines(lib.string()) + "    sha256: " + wrong + "\n");
  CHECK(r.field == "sha256");
  CHECK_THAT(
      r.message,
      Catch::Contains("sha256 mismatch") && Catch::Contains(wrong) &&
          Catch::Contains(plugins::sha256_hex(plugins::read_file_bytes(lib))));

  auto malformed = refuse_one(
      dir, "variant", library_lines(lib.string()) + "    sha256: abc\n");
  CHECK(malformed.field == "sha256");
  CHECK_THAT(malformed.message, Catch::Contains("64 hexadecimal digits"));
}

TEST_CASE("a library without the entry symbol is refused",
          "[registry][refusal]") {
  TempDir dir;
  auto r =
      refuse_one(dir, "variant",
                 library_lines(built_plugin("test-reg-no-entry.so").string()));
  CHECK(r.field == "library");
  CHECK_THAT(r.message,
             Catch::Contains("entry symbol 'aihost_plugin_entry' not found"));
}

TEST_CASE("a descriptor with another ABI major is refused",
          "[registry][refusal][abi]") {
  TempDir dir;
  auto r =
      refuse_one(dir, "variant",
                 library_lines(built_plugin("test-reg-abi-major.so").string()));
  CHECK(r.field == "abi");
  CHECK_THAT(
      r.message,
      Catch::Contains("plugin ABI major 2 differs from host ABI major 1"));
}

TEST_CASE("a descriptor with a newer ABI minor is refused",
          "[registry][refusal][abi]") {
  TempDir dir;
  auto r =
      refuse_one(dir, "variant",
                 library_lines(built_plugin("test-reg-abi-minor.so").string()));
  CHECK(r.field == "abi");
  CHECK_THAT(
      r.message,
      Catch::Contains("plugin ABI minor 99 is newer than host ABI minor 0"));
}

TEST_CASE("a descriptor smaller than the ABI requires is refused",
          "[registry][refusal][abi]") {
  TempDir dir;
  auto r = refuse_one(
      dir, "variant",
      library_lines(built_plugin("test-reg-small-struct.so").string()));
  CHECK(r.field == "abi");
  CHECK_THAT(r.message,
             Catch::Contains("descriptor struct_size 16 is smaller"));
}

TEST_CASE("an entry written for another ABI is refused before loading",
          "[registry][refusal][abi]") {
  TempDir dir;
  auto lib = built_plugin("test-reg-good.so").string();
  auto major =
      refuse_one(dir, "variant", library_lines(lib, "[llm.chat]", "\"2.0\""));
  CHECK(major.field == "abi");
  CHECK_THAT(
      major.message,
      Catch::Contains("entry is written for ABI 2.0, host speaks ABI 1.0"));
  auto minor =
      refuse_one(dir, "variant", library_lines(lib, "[llm.chat]", "\"1.7\""));
  CHECK(minor.field == "abi");
  auto garbled =
      refuse_one(dir, "variant", library_lines(lib, "[llm.chat]", "one"));
  CHECK(garbled.field == "abi");
  CHECK_THAT(garbled.message, Catch::Contains("major.minor"));
}

TEST_CASE("a declared capability the plugin does not offer is refused",
          "[registry][refusal]") {
  TempDir dir;
  auto r = refuse_one(dir, "variant",
                      library_lines(built_plugin("test-reg-good.so").string(),
                                    "[llm.chat, pii.redact]"));
  CHECK(r.field == "capabilities");
  CHECK_THAT(r.message,
             Catch::Contains(
                 "plugin does not offer 'pii.redact' (it offers: llm.chat)"));
}

TEST_CASE("an id that differs from the descriptor's is refused",
          "[registry][refusal]") {
  TempDir dir;
  auto r = refuse_one(dir, "openai",
                      library_lines(built_plugin("test-reg-good.so").string()));
  CHECK(r.field == "id");
  CHECK_THAT(r.message, Catch::Contains("is plugin 'variant'"));
}

TEST_CASE("unknown keys and wrong types are refused, naming the field",
          "[registry][refusal][schema]") {
  TempDir dir;
  const auto lib = built_plugin("test-reg-good.so").string();
  struct Case {
    std::string extra;
    std::string field;
    std::string reason;
  };
  const Case cases[] = {
      {"    colour: blue\n", "colour", "unknown key 'colour'"},
      {"    upstream: {base_url: http://x, retries: 3}\n", "upstream.retries",
       "unknown key 'upstream.retries'"},
      {"    upstream: {max_retries: two}\n", "upstream.max_retries",
       "must be an integer, got 'two'"},
      {"    upstream: {connect_timeout_ms: \"500\"}\n",
       "upstream.connect_timeout_ms",
       "must be an integer, got a quoted string"},
      {"    upstream: {max_retries: 50}\n", "upstream.max_retries",
       "must be between 0 and 10"},
      {"    upstream: {base_url: ftp://x}\n", "upstream.base_url",
       "http:// or https://"},
      {"    upstream: [1, 2]\n", "upstream", "must be a mapping"},
      {"    status: on\n", "status", "must be 'enabled' or 'disabled'"},
      {"    config: [a]\n", "config", "must be a mapping"},
      {"    defaults: {models: {audio.transcribe: whisper}}\n",
       "defaults.models.audio.transcribe",
       "not among the entry's capabilities"},
      {"    library: again.so\n", "library", "key 'library' is repeated"},
      {"    upstream: {extra_ca_file: no-such-ca.pem}\n",
       "upstream.extra_ca_file", "no-such-ca.pem: no such file or folder"},
      {"    upstream: {max_idle_per_origin: -1}\n",
       "upstream.max_idle_per_origin", "must be between 0 and 1024"},
  };
  for (const auto& c : cases) {
    INFO(c.extra);
    auto r = refuse_one(dir, "variant", library_lines(lib) + c.extra);
    CHECK(r.field == c.field);
    CHECK_THAT(r.message, Catch::Contains(c.reason));
  }

  auto not_a_list = refuse_one(dir, "variant", library_lines(lib, "llm.chat"));
  CHECK(not_a_list.field == "capabilities");
  auto no_library = refuse_one(
      dir, "variant", "    abi: \"1.0\"\n    capabilities: [llm.chat]\n");
  CHECK(no_library.field == "library");
  CHECK_THAT(no_library.message, Catch::Contains("is required"));
  auto bad_id = refuse_one(dir, "Open.AI", library_lines(lib), "#1");
  CHECK(bad_id.field == "id");
  CHECK_THAT(bad_id.message,
             Catch::Contains("must match [a-z0-9_-]+, got 'Open.AI'"));
}

TEST_CASE("malformed YAML refuses the whole file with line and column",
          "[registry][refusal][file]") {
  TempDir dir;
  auto file = dir.write(
      "providers.yaml",
      "version: 1\nplugins:\n  - id: variant\n    capabilities: [llm.chat\n"
      "    abi: \"1.0\"\n");
  try {
    Registry::load(file);
    FAIL("a malformed registry was accepted");
  } catch (const plugins::RegistryError& e) {
    std::string message = e.what();
    CHECK_THAT(message, Catch::StartsWith(file.string() + ":") &&
                            Catch::Contains("malformed YAML"));
    // file:line:column: with a line inside the file.
    CHECK_THAT(
        message,
        Catch::Matches(".*providers\\.yaml:[4-6]:[0-9]+: malformed YAML.*"));
  }
}

TEST_CASE("a file with the wrong shape is refused whole",
          "[registry][refusal][file]") {
  TempDir dir;
  const std::pair<std::string, std::string> cases[] = {
      {"plugins: []\n", "'version' must be 1"},
      {"version: 2\nplugins: []\n", "'version' must be 1"},
      {"version: 1\nplugins: {}\n", "'plugins' must be a list"},
      {"version: 1\nplugins: []\nextras: 1\n",
       "unknown top-level key 'extras'"},
      {"- a\n- b\n", "top level must be a mapping"},
      {"", "top level must be a mapping"},
  };
  for (const auto& [text, reason] : cases) {
    INFO(text);
    auto file = dir.write("providers.yaml", text);
    CHECK_THROWS_WITH(Registry::load(file), Catch::Contains(file.string()) &&
                                                Catch::Contains(reason));
  }
  CHECK_THROWS_WITH(Registry::load(dir.path() / "absent.yaml"),
                    Catch::Contains("absent.yaml: cannot open"));
}
