#include <Poco/Data/Session.h>
#include <catch2/catch.hpp>

#include <set>

#include "storage/migrations.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage_error.hpp"
#include "test_databases.hpp"

using namespace aihost::storage;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

namespace {

std::set<std::string> table_names(Connection& c) {
  std::vector<std::string> names;
  if (c.engine() == Engine::kSqlite)
    c.session() << "SELECT name FROM sqlite_master WHERE type = 'table'",
        into(names), now;
  else
    c.session() << "SELECT table_name FROM information_schema.tables WHERE "
                   "table_schema = current_schema()",
        into(names), now;
  return {names.begin(), names.end()};
}

}  // namespace

TEST_CASE("migrations apply once, are recorded, and run again as no-ops") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine, {}, /*migrated=*/false);
    CHECK(applied_migrations(t->db()).empty());

    auto first = migrate(t->db());
    REQUIRE(first.size() == all_migrations().size());
    CHECK(first.front() == 1);
    CHECK(migrate(t->db()).empty());
    CHECK(migrate(t->db()).empty());

    auto applied = applied_migrations(t->db());
    REQUIRE(applied.size() == all_migrations().size());
    CHECK(applied[0].version == 1);
    CHECK(applied[0].name == "initial schema");
    CHECK(applied[0].applied_at_ms > 0);

    Connection c = t->db().connect();
    auto tables = table_names(c);
    for (const char* table :
         {"schema_migrations", "tenants", "tenant_api_keys",
          "tenant_ai_configs", "tenant_ai_features", "ai_jobs", "ai_usage_logs",
          "budget_periods", "budget_ledger", "cost_alerts"}) {
      CAPTURE(table);
      CHECK(tables.count(table) == 1);
    }
  }
}

TEST_CASE("JSON columns are JSONB on PostgreSQL") {
  for (Engine engine : test_engines()) {
    if (engine != Engine::kPostgres) continue;
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    std::vector<std::string> columns;
    c.session() << "SELECT table_name || '.' || column_name FROM "
                   "information_schema.columns WHERE table_schema = "
                   "current_schema() AND data_type = 'jsonb' ORDER BY 1",
        into(columns), now;
    CHECK(columns == std::vector<std::string>{
                         "ai_job_steps.output", "ai_jobs.input",
                         "ai_jobs.result",
                         "ai_usage_logs.metadata", "tenant_ai_configs.config",
                         "tenant_ai_features.cost_alert_thresholds",
                         "tenant_ai_features.pii_entity_types"});
  }
}

TEST_CASE("rendered migrations keep no placeholder") {
  for (const Migration& m : all_migrations()) {
    for (Engine e : {Engine::kSqlite, Engine::kPostgres}) {
      for (const std::string& s : render_migration(m, e)) {
        CHECK(s.find("{{") == std::string::npos);
      }
    }
  }
}

TEST_CASE("a migration that fails leaves nothing behind") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine, {}, /*migrated=*/false);
    {
      // A table in the way of version 1 makes its CREATE fail.
      Connection c = t->db().connect();
      c.session() << "CREATE TABLE ai_jobs (x INTEGER)", now;
    }
    try {
      migrate(t->db());
      FAIL("migrated over a conflicting table");
    } catch (const StorageError& e) {
      CHECK(e.code() == "storage.migration_failed");
      CHECK(std::string(e.what()).find("migration 1") != std::string::npos);
    }
    CHECK(applied_migrations(t->db()).empty());
    Connection c = t->db().connect();
    CHECK(table_names(c).count("tenants") == 0);
  }
}
