// aihost serve: health, readiness and plugin routes, JSON errors, SIGHUP
// reloads and a clean stop on SIGTERM and SIGINT.
#include "cli_fixture.hpp"
#include "subprocess.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <memory>

using namespace aihost::testing;
using nlohmann::json;

namespace {

struct Reply {
  int status = 0;
  json body;
  std::string request_id;
};

const std::string kAdminToken = "serve-test-admin-token-8d1e";

Reply http(int port, const std::string& method, const std::string& path,
           const std::string& token = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1",
                                       static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(5, 0));
  Poco::Net::HTTPRequest request(method, path,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  Reply r;
  r.status = response.getStatus();
  r.request_id = response.get("X-Request-Id", "");
  INFO(text);
  CHECK(response.getContentType() == "application/json");
  r.body = json::parse(text);
  return r;
}

// Starts serve on a free port and returns the port it printed.
int start(Child& child) {
  auto line = child.read_line(15000);
  INFO(child.err());
  REQUIRE(line);
  const std::string prefix = "listening on http://127.0.0.1:";
  REQUIRE_THAT(*line, Catch::StartsWith(prefix));
  return std::stoi(line->substr(prefix.size()));
}

// Waits for `text` on the child's stderr; on failure the report shows all of
// it, so that a child that died (a sanitizer abort, say) says why.
void expect_err(Child& child, const std::string& text) {
  const bool seen = child.wait_for_err(text, 10000);
  INFO("stderr of aihost serve:\n" << child.err());
  REQUIRE(seen);
}

// Each server keeps its embedded store beside its registry.
std::filesystem::path store_of(const std::filesystem::path& registry) {
  return registry.parent_path() / "aihost.db";
}

std::unique_ptr<Child> serve(const std::filesystem::path& registry) {
  RunOptions o;
  o.set_env = {{"AIHOST_PLUGIN_DIR", AIHOST_PLUGIN_DIR},
               {"AI_DATABASE_URL", "sqlite:" + store_of(registry).string()},
               {"AI_ADMIN_TOKEN", kAdminToken},
               {"AI_PRICES", AIHOST_SOURCE_DIR "/config/prices.yaml"},
               {"AI_TASKS", AIHOST_SOURCE_DIR "/config/tasks"}};
  return std::make_unique<Child>(
      std::vector<std::string>{aihost_binary(), "serve", "--listen",
                               "127.0.0.1:0", "--registry", registry.string()},
      o);
}

}  // namespace

TEST_CASE("serve answers health, readiness, plugins and JSON 404s",
          "[cli][serve]") {
  TempDir dir;
  auto registry = write_registry(dir, echo_entry());
  auto child = serve(registry);
  const int port = start(*child);

  auto health = http(port, "GET", "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body == json{{"status", "ok"}});

  auto ready = http(port, "GET", "/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.body["status"] == "ready");
  CHECK(ready.body["registry"]["loaded"] == 1);
  CHECK(ready.body["store"]["engine"] == "sqlite");
  CHECK(std::filesystem::exists(store_of(registry)));

  auto plugins = http(port, "GET", "/admin/v1/plugins", kAdminToken);
  CHECK(plugins.status == 200);
  CHECK(plugins.body["registry"] == registry.string());
  REQUIRE(plugins.body["plugins"].size() == 1);
  CHECK(plugins.body["plugins"][0]["id"] == "c-echo");
  CHECK(plugins.body["plugins"][0]["status"] == "loaded");
  CHECK(plugins.body["plugins"][0]["version"] == "1.0.0");

  auto missing = http(port, "GET", "/v1/nothing-here");
  CHECK(missing.status == 404);
  CHECK(missing.body["error"]["code"] == "not_found");
  CHECK(missing.body["error"]["message"].is_string());
  CHECK(missing.body["error"]["request_id"] == missing.request_id);
  CHECK_FALSE(missing.request_id.empty());

  auto wrong_method = http(port, "POST", "/healthz");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.body["error"]["code"] == "method_not_allowed");

  child->signal(SIGTERM);
  CHECK(child->wait(10000) == std::optional<int>(0));
}

TEST_CASE("SIGHUP reloads the registry and a broken one is refused",
          "[cli][serve]") {
  TempDir dir;
  auto registry = write_registry(dir, echo_entry());
  auto child = serve(registry);
  const int port = start(*child);
  REQUIRE(http(port, "GET", "/admin/v1/plugins", kAdminToken)
              .body["plugins"]
              .size() == 1);

  write_registry(dir, echo_entry() + variant_entry());
  child->signal(SIGHUP);
  expect_err(*child, "reload " + registry.string() + ": 2 of 2");
  auto reloaded = http(port, "GET", "/admin/v1/plugins", kAdminToken);
  REQUIRE(reloaded.body["plugins"].size() == 2);
  CHECK(reloaded.body["plugins"][1]["id"] == "variant");
  CHECK(reloaded.body["plugins"][1]["status"] == "loaded");

  dir.write("providers.yaml", "version: 1\nplugins:\n  - {id: c-echo\n");
  child->signal(SIGHUP);
  expect_err(*child, "reload refused");
  CHECK(http(port, "GET", "/admin/v1/plugins", kAdminToken)
            .body["plugins"]
            .size() == 2);
  auto ready = http(port, "GET", "/readyz");
  CHECK(ready.status == 200);
  CHECK_THAT(ready.body["registry"]["last_reload_error"].get<std::string>(),
             Catch::Contains("malformed YAML"));

  child->signal(SIGINT);
  CHECK(child->wait(10000) == std::optional<int>(0));
}

TEST_CASE("serve without a usable registry is alive but not ready",
          "[cli][serve]") {
  TempDir dir;
  auto registry = dir.write("providers.yaml", "version: 1\nplugins: [\n");
  auto child = serve(registry);
  const int port = start(*child);
  CHECK(http(port, "GET", "/healthz").status == 200);
  auto ready = http(port, "GET", "/readyz");
  CHECK(ready.status == 503);
  CHECK(ready.body["error"]["code"] == "not_ready");
  CHECK_THAT(ready.body["error"]["message"].get<std::string>(),
             Catch::Contains(registry.string()));
  CHECK(ready.body["error"]["request_id"] == ready.request_id);
  CHECK(http(port, "GET", "/admin/v1/plugins", kAdminToken).status == 503);

  write_registry(dir, echo_entry());
  child->signal(SIGHUP);
  expect_err(*child, "reload " + registry.string());
  CHECK(http(port, "GET", "/readyz").status == 200);

  child->signal(SIGTERM);
  CHECK(child->wait(10000) == std::optional<int>(0));
}

TEST_CASE("serve refuses to start without its price table", "[cli][serve]") {
  TempDir dir;
  auto registry = write_registry(dir, echo_entry());
  RunOptions o;
  o.set_env = {{"AIHOST_PLUGIN_DIR", AIHOST_PLUGIN_DIR},
               {"AI_DATABASE_URL", "sqlite:" + store_of(registry).string()},
               {"AI_PRICES", (dir.path() / "missing.yaml").string()}};
  auto r = run({aihost_binary(), "serve", "--listen", "127.0.0.1:0",
                "--registry", registry.string()},
               o);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("missing.yaml"));
  CHECK(r.out.empty());
}

TEST_CASE("serve refuses to start on a store it cannot open", "[cli][serve]") {
  TempDir dir;
  auto registry = write_registry(dir, echo_entry());
  RunOptions o;
  o.set_env = {{"AIHOST_PLUGIN_DIR", AIHOST_PLUGIN_DIR},
               {"AI_DATABASE_URL", "mysql://nowhere/db"}};
  auto bad_url = run({aihost_binary(), "serve", "--listen", "127.0.0.1:0",
                      "--registry", registry.string()},
                     o);
  CHECK(bad_url.exit_code == 1);
  CHECK_THAT(bad_url.err, Catch::Contains("AI_DATABASE_URL"));
  CHECK(bad_url.out.empty());

  // A SQLite path under a regular file cannot be created.
  o.set_env["AI_DATABASE_URL"] = "sqlite:" + registry.string() + "/sub/x.db";
  auto unopenable = run({aihost_binary(), "serve", "--listen", "127.0.0.1:0",
                         "--registry", registry.string()},
                        o);
  CHECK(unopenable.exit_code == 1);
  CHECK_THAT(unopenable.err, Catch::Contains("cannot open the store"));
  CHECK(unopenable.out.empty());
}
