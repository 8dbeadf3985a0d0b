#include "admin_world.hpp"

#include "security/master_keys.hpp"
#include "security/tenant_api_key.hpp"
#include "storage/migrations.hpp"
#include "storage/tenant_api_key_repository.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace aihost::testing {

const std::string& Reply::code() const {
  static const std::string kNone;
  if (!body.is_object() || !body.contains("error")) return kNone;
  return body["error"]["code"].get_ref<const std::string&>();
}

namespace {

std::string plugin_entry(const char* id, const char* file) {
  std::ostringstream entry;
  entry << "  - id: " << id << "\n    library: " << AIHOST_PLUGIN_DIR << "/"
        << file << "\n    abi: \"1.0\"\n    capabilities: [llm.chat]\n";
  return entry.str();
}

}  // namespace

std::string variant_plugin_entry() {
  return plugin_entry("variant", "test-reg-good.so");
}

std::string echo_plugin_entry() {
  return plugin_entry("c-echo", "test-c-echo.so");
}

AdminWorld::AdminWorld(storage::Engine engine, WorldOptions options)
    : db(open_test_database(engine)) {
  registry_file = dir.write("providers.yaml",
                            "version: 1\nplugins:\n" + variant_plugin_entry());
  settings::Environment env = {
      {"AI_DATABASE_URL", engine == storage::Engine::kSqlite
                              ? "sqlite:" + db->file()
                              : db->url()}};
  if (options.admin_token) env["AI_ADMIN_TOKEN"] = kAdminToken;
  if (options.encryption_keys)
    env["AI_ENCRYPTION_KEYS"] = security::generate_master_key_entry("k1");
  if (options.pepper) env["AI_API_KEY_PEPPER"] = "pepper-for-admin-tests-42";
  settings = settings::load_settings(env).settings;
  registry = std::make_unique<plugins::RegistryHolder>(registry_file);
  REQUIRE(registry->reload().ok);

  api::AppContext app(*registry);
  app.database = &db->db();
  app.settings = &settings;
  app.metrics = &metrics;
  // The same lookup `aihost serve` installs.
  app.tenant_keys = [this](std::string_view key) -> std::optional<std::string> {
    auto parsed = security::parse_tenant_key(key);
    if (!parsed) return std::nullopt;
    auto conn = db->db().connect();
    auto row = storage::TenantApiKeyRepository(conn).find_active_by_hash(
        security::hash_tenant_key_secret(parsed->secret.reveal(),
                                         settings.api_key_pepper.reveal()));
    if (!row) return std::nullopt;
    return row->tenant_id;
  };
  app.tenant_changed = [this](const std::string& id) {
    std::lock_guard lock(mu_);
    changed_.push_back(id);
  };
  api::ServerOptions server_options;
  server_options.host = "127.0.0.1";
  server_options.port = 0;
  server_options.max_threads = 8;
  server = std::make_unique<api::ApiServer>(server_options, std::move(app));
  server->start();
}

AdminWorld::~AdminWorld() {
  if (server) server->stop(1000);
}

Reply AdminWorld::raw(const std::string& method, const std::string& path,
                      const std::string& body, const std::string& content_type,
                      const std::string& token) {
  Poco::Net::HTTPClientSession session(
      "127.0.0.1", static_cast<Poco::UInt16>(server->port()));
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  if (!content_type.empty()) request.setContentType(content_type);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply r;
  Poco::StreamCopier::copyToString(in, r.text);
  r.status = response.getStatus();
  r.content_type = response.getContentType();
  for (const auto& [k, v] : response) {
    r.headers[k] = v;
    transcript_ += k + ": " + v + "\n";
  }
  transcript_ += r.text + "\n";
  if (r.content_type.rfind("application/json", 0) == 0) {
    INFO(r.text);
    r.body = nlohmann::json::parse(r.text);
  }
  return r;
}

Reply AdminWorld::call(const std::string& method, const std::string& path,
                       const std::optional<nlohmann::json>& body,
                       const std::string& token) {
  return raw(method, path, body ? body->dump() : "",
             body ? "application/json" : "", token);
}

std::string AdminWorld::tenant(const std::string& id, const std::string& name) {
  auto r = call("POST", "/admin/v1/tenants",
                nlohmann::json{{"id", id}, {"name", name.empty() ? id : name}});
  INFO(r.text);
  REQUIRE(r.status == 201);
  return id;
}

std::string AdminWorld::stored_bytes() {
  std::string bytes;
  if (db->engine() == storage::Engine::kSqlite) {
    for (const char* suffix : {"", "-wal", "-journal", "-shm"}) {
      std::ifstream f(db->file() + suffix, std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(f), {});
    }
    return bytes;
  }
  storage::Connection c = db->db().connect();
  for (const char* table : {"tenants", "tenant_api_keys", "tenant_ai_configs",
                            "tenant_ai_features"}) {
    Poco::Data::Statement select(c.session());
    select << "SELECT CAST(t AS TEXT) FROM " << table << " t";
    select.execute();
    Poco::Data::RecordSet rs(select);
    for (size_t i = 0; i < rs.rowCount(); ++i)
      bytes += rs.value(0, i).convert<std::string>() + "\n";
  }
  return bytes;
}

std::vector<std::string> AdminWorld::changed_tenants() {
  std::lock_guard lock(mu_);
  return changed_;
}

}  // namespace aihost::testing
