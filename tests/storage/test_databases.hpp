// Fresh, migrated databases for tests, one per engine under test.
//
// SQLite: a file in a new temporary directory. PostgreSQL: a new schema in
// the server named by AIHOST_TEST_PG_URL (which `make test` starts), so
// test binaries running in parallel never see each other's rows. Without
// that variable the PostgreSQL cases are skipped with a warning.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace aihost::testing {

class TestDatabase {
 public:
  TestDatabase(storage::Engine engine, storage::DatabaseOptions options,
               bool migrated);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  storage::Database& db() { return *db_; }
  storage::Engine engine() const { return engine_; }
  const std::string& url() const { return url_; }
  // SQLite only: the database file.
  const std::string& file() const { return file_; }

 private:
  storage::Engine engine_;
  std::string url_;
  std::string dir_;
  std::string file_;
  std::string schema_;
  std::unique_ptr<storage::Database> db_;
};

// True when AIHOST_TEST_PG_URL names a server (set and not empty).
bool postgres_configured();

// SQLite always; PostgreSQL when AIHOST_TEST_PG_URL is set (else a WARN).
std::vector<storage::Engine> test_engines();

std::unique_ptr<TestDatabase> open_test_database(
    storage::Engine engine, storage::DatabaseOptions options = {},
    bool migrated = true);

}  // namespace aihost::testing
