// A server as `aihost serve` builds it, in-process: a fresh migrated store,
// settings with an admin token, a pepper and a master key, a registry of
// test plugins, metrics, and the API on a free port. Every response body is
// kept, so tests can search all of it for secrets.
#pragma once

#include "api/server.hpp"
#include "metrics/metrics.hpp"
#include "plugins/registry_holder.hpp"
#include "settings/settings.hpp"
#include "temp_dir.hpp"
#include "test_databases.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace aihost::testing {

inline const std::string kAdminToken = "admin-token-for-tests-5f2c9e71";

struct Reply {
  int status = 0;
  std::string text;
  std::string content_type;
  std::map<std::string, std::string> headers;
  nlohmann::json body;              // parsed when the answer is JSON
  const std::string& code() const;  // body.error.code
};

struct WorldOptions {
  bool admin_token = true;
  bool encryption_keys = true;
  bool pepper = true;
};

class AdminWorld {
 public:
  explicit AdminWorld(storage::Engine engine = storage::Engine::kSqlite,
                      WorldOptions options = {});
  ~AdminWorld();

  // A request with `token` as bearer ("" sends no Authorization header).
  Reply call(const std::string& method, const std::string& path,
             const std::optional<nlohmann::json>& body = std::nullopt,
             const std::string& token = kAdminToken);
  // A request with a raw body and content type.
  Reply raw(const std::string& method, const std::string& path,
            const std::string& body, const std::string& content_type,
            const std::string& token = kAdminToken);

  // Creates a tenant through the API and returns its id.
  std::string tenant(const std::string& id, const std::string& name = "");

  // SQLite: the file and its journals; PostgreSQL: a text dump of the
  // tables the admin API writes.
  std::string stored_bytes();
  // Every response body and header seen so far.
  const std::string& transcript() const { return transcript_; }
  std::vector<std::string> changed_tenants();

  TempDir dir;
  std::filesystem::path registry_file;
  std::unique_ptr<TestDatabase> db;
  settings::Settings settings;
  metrics::Metrics metrics;
  std::unique_ptr<plugins::RegistryHolder> registry;
  std::unique_ptr<api::ApiServer> server;

 private:
  std::mutex mu_;
  std::vector<std::string> changed_;
  std::string transcript_;
};

// Registry entries for the test plugins (llm.chat each).
std::string variant_plugin_entry();
std::string echo_plugin_entry();

}  // namespace aihost::testing
