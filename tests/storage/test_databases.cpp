#include "test_databases.hpp"

#include <Poco/Data/Session.h>
#include <Poco/UUIDGenerator.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "storage/migrations.hpp"

namespace aihost::testing {
namespace {

using Poco::Data::Keywords::now;

const char* pg_url() {
  const char* url = std::getenv("AIHOST_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

void on_admin(const std::string& statement) {
  auto admin = storage::Database::open(pg_url(), {1, 10000, 0});
  storage::Connection c = admin->connect();
  // DROP SCHEMA ... CASCADE lists every table it drops as a NOTICE.
  c.session() << "SET client_min_messages = warning", now;
  c.session() << statement, now;
}

}  // namespace

bool postgres_configured() { return pg_url() != nullptr; }

TestDatabase::TestDatabase(storage::Engine engine,
                           storage::DatabaseOptions options, bool migrated)
    : engine_(engine) {
  std::string unique =
      Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(
          0, 8);
  if (engine == storage::Engine::kSqlite) {
    dir_ = (std::filesystem::temp_directory_path() / ("aihost-db-" + unique))
               .string();
    std::filesystem::create_directories(dir_);
    file_ = dir_ + "/aihost.db";
    url_ = "sqlite:////" + file_.substr(1);
  } else {
    schema_ = "test_" + unique;
    on_admin("CREATE SCHEMA " + schema_);
    std::string base = pg_url();
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
  }
  db_ = storage::Database::open(url_, options);
  if (migrated) storage::migrate(*db_);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  try {
    if (!schema_.empty()) on_admin("DROP SCHEMA " + schema_ + " CASCADE");
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  } catch (...) {
    // Leftovers in a throwaway server or /tmp are harmless.
  }
}

std::vector<storage::Engine> test_engines() {
  std::vector<storage::Engine> engines{storage::Engine::kSqlite};
  if (pg_url())
    engines.push_back(storage::Engine::kPostgres);
  else
    WARN(
        "AIHOST_TEST_PG_URL is not set: PostgreSQL cases skipped "
        "(`make test` starts a server and sets it)");
  return engines;
}

std::unique_ptr<TestDatabase> open_test_database(
    storage::Engine engine, storage::DatabaseOptions options, bool migrated) {
  return std::make_unique<TestDatabase>(engine, options, migrated);
}

}  // namespace aihost::testing
