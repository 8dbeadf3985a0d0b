// aihost invoke: results on stdout, JSON errors on stderr with distinct
// exit codes, and the provider key never printed.
#include "cli_fixture.hpp"
#include "fakes/fake_server.hpp"
#include "subprocess.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <memory>

using namespace aihost::testing;
using aihost::fakes::FakeRequest;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;
using nlohmann::json;

namespace {

const std::string kKey = "sk-cli-test-5f3a9c1e";

RunOptions plugin_env(std::string stdin_text = "") {
  RunOptions o;
  o.set_env = {{"AIHOST_PLUGIN_DIR", AIHOST_PLUGIN_DIR}};
  o.stdin_text = std::move(stdin_text);
  return o;
}

void check_no_key(const RunResult& r) {
  CHECK(r.out.find(kKey) == std::string::npos);
  CHECK(r.err.find(kKey) == std::string::npos);
}

json error_of(const RunResult& r) {
  INFO(r.err);
  auto doc = json::parse(r.err);
  REQUIRE(doc.contains("error"));
  return doc["error"];
}

}  // namespace

TEST_CASE("invoke prints the plugin's result and sends the key upstream",
          "[cli][invoke]") {
  FakeServer upstream([](const FakeRequest& req) {
    if (req.method != "POST" || req.path != "/echo")
      return FakeResponse::json(404, R"({"error":"no route"})");
    if (req.header("X-Key") != std::optional<std::string>(kKey))
      return FakeResponse::json(401, R"({"error":"bad key"})");
    return FakeResponse::json(200, req.body);
  });
  TempDir dir;
  auto registry = write_registry(dir, echo_entry());
  auto input = dir.write("params.json",
                         R"({"messages":[{"role":"user","content":"ping"}]})");
  // The key comes from stdin, as a script piping it from a secret store does.
  auto r = run(
      {aihost_binary(), "invoke", "c-echo", "llm.chat", "--registry",
       registry.string(), "--base-url", upstream.base_url(), "--api-key-file",
       "-", "--input", input.string(), "--timeout-ms", "5000"},
      plugin_env(kKey + "\n"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto result = json::parse(r.out);
  CHECK(result["status"] == 200);
  CHECK(result["content"]["messages"][0]["content"] == "ping");
  CHECK(upstream.request_count() == 1);
  CHECK(r.err.empty());
  check_no_key(r);
}

TEST_CASE("invoke builds the instance config from the registry and --config",
          "[cli][invoke]") {
  TempDir dir;
  auto registry = write_registry(
      dir, variant_entry("    upstream: {base_url: http://127.0.0.1:9}\n"
                         "    config: {label: from-registry}\n"));
  auto from_registry = run({aihost_binary(), "invoke", "variant", "llm.chat",
                            "--registry", registry.string()},
                           plugin_env());
  INFO(from_registry.err);
  REQUIRE(from_registry.exit_code == 0);
  CHECK(json::parse(from_registry.out)["label"] == "from-registry");

  auto overridden =
      run({aihost_binary(), "invoke", "variant", "llm.chat", "--registry",
           registry.string(), "--config", R"({"label":"from-cli"})"},
          plugin_env());
  REQUIRE(overridden.exit_code == 0);
  CHECK(json::parse(overridden.out)["label"] == "from-cli");
}

TEST_CASE("invoke reports an unreachable upstream as a JSON error, exit 4",
          "[cli][invoke]") {
  std::string dead_url;
  {
    FakeServer gone(
        [](const FakeRequest&) { return FakeResponse::json(200, "{}"); });
    dead_url = gone.base_url();
  }  // closed: connections to its port are refused
  TempDir dir;
  auto registry = write_registry(
      dir, echo_entry("    upstream: {base_url: " + dead_url +
                      ", connect_timeout_ms: 200, max_retries: 1,"
                      " backoff_initial_ms: 10, backoff_max_ms: 20}\n"));
  auto r = run({aihost_binary(), "invoke", "c-echo", "llm.chat", "--registry",
                registry.string(), "--api-key", kKey, "--timeout-ms", "3000"},
               plugin_env());
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
  auto error = error_of(r);
  CHECK(error["code"] == "unavailable");
  CHECK(error["message"].get<std::string>().size() > 0);
  CHECK(error.contains("provider_http_status"));
  CHECK(error.contains("retry_after_ms"));
  check_no_key(r);
}

TEST_CASE("invoke reports a configuration the plugin refuses, exit 4",
          "[cli][invoke]") {
  TempDir dir;
  auto registry = write_registry(dir, echo_entry());
  // No base_url anywhere: c-echo refuses the instance.
  auto r = run(
      {aihost_binary(), "invoke", "c-echo", "llm.chat", "--registry",
       registry.string(), "--api-key", kKey, "--config", R"({"base_url":42})"},
      plugin_env());
  CHECK(r.exit_code == 4);
  auto error = error_of(r);
  CHECK(error["code"] == "invalid_argument");
  CHECK_THAT(error["message"].get<std::string>(),
             Catch::Contains("config.base_url is required"));
  check_no_key(r);
}

TEST_CASE("invoke refuses unknown, disabled and refused plugins with exit 3",
          "[cli][invoke]") {
  TempDir dir;
  auto registry = write_registry(
      dir, echo_entry("    status: disabled\n") +
               "  - id: broken\n    library: broken.so\n    abi: \"1.0\"\n"
               "    capabilities: [llm.chat]\n");
  struct Case {
    std::string plugin;
    std::string code;
  };
  for (const auto& c :
       {Case{"nobody", "unknown_plugin"}, Case{"c-echo", "plugin_disabled"},
        Case{"broken", "plugin_refused"}}) {
    INFO(c.plugin);
    auto r = run({aihost_binary(), "invoke", c.plugin, "llm.chat", "--registry",
                  registry.string(), "--api-key", kKey},
                 plugin_env());
    CHECK(r.exit_code == 3);
    CHECK(error_of(r)["code"] == c.code);
    check_no_key(r);
  }
  auto refused = run({aihost_binary(), "invoke", "broken", "llm.chat",
                      "--registry", registry.string()},
                     plugin_env());
  CHECK_THAT(error_of(refused)["message"].get<std::string>(),
             Catch::Contains(registry.string() +
                             ":8: plugin 'broken': field 'library'"));

  auto malformed = dir.write("bad.yaml", "version: 1\nplugins: [\n");
  auto bad = run({aihost_binary(), "invoke", "c-echo", "llm.chat", "--registry",
                  malformed.string()},
                 plugin_env());
  CHECK(bad.exit_code == 3);
  CHECK(error_of(bad)["code"] == "registry_invalid");
}

TEST_CASE("invoke refuses an operation the registry does not enable",
          "[cli][invoke]") {
  TempDir dir;
  auto registry = write_registry(dir, echo_entry());
  auto audio = dir.write("call.wav", "RIFF....WAVEfmt ");
  auto r = run({aihost_binary(), "invoke", "c-echo", "audio.transcribe",
                "--registry", registry.string(), "--audio", audio.string()},
               plugin_env());
  CHECK(r.exit_code == 4);
  CHECK(error_of(r)["code"] == "unsupported");

  auto unknown_type = dir.write("call.xyz", "bytes");
  auto usage =
      run({aihost_binary(), "invoke", "c-echo", "llm.chat", "--registry",
           registry.string(), "--audio", unknown_type.string()},
          plugin_env());
  CHECK(usage.exit_code == 2);
  CHECK_THAT(usage.err, Catch::Contains("--audio-type"));
}
