#include "storage/migrations.hpp"

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <utility>

#include "storage/schema_versions.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage_error.hpp"
#include "storage/transaction.hpp"

namespace aihost::storage {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

// Any constant works; it only has to be the same for every aihost process.
constexpr const char* kMigrationLockKey = "7301452801";

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

void ensure_table(Connection& c) {
  // IF NOT EXISTS on an existing table makes PostgreSQL send a NOTICE that
  // libpq prints to stderr; this run does not need to hear it.
  if (c.engine() == Engine::kPostgres && c.session().isTransaction())
    c.session() << "SET LOCAL client_min_messages = warning", now;
  c.session() << "CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at BIGINT NOT NULL)",
      now;
}

bool is_applied(Connection& c, int version) {
  int count = 0;
  c.session() << sql(
      c.engine(), "SELECT COUNT(*) FROM schema_migrations WHERE version = ?"),
      use(version), into(count), now;
  return count > 0;
}

}  // namespace

const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> migrations = {schema_v1(),
                                                       schema_v2()};
  return migrations;
}

std::vector<std::string> render_migration(const Migration& m, Engine engine) {
  const bool pg = engine == Engine::kPostgres;
  std::vector<std::string> out;
  for (std::string s : m.statements) {
    replace_all(
        s, "{{ID}}",
        pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
    replace_all(s, "{{JSON}}", pg ? "JSONB" : "TEXT");
    replace_all(s, "{{BOOL}}", pg ? "BOOLEAN" : "INTEGER");
    replace_all(s, "{{TRUE}}", pg ? "TRUE" : "1");
    replace_all(s, "{{FALSE}}", pg ? "FALSE" : "0");
    replace_all(s, "{{REAL}}", pg ? "DOUBLE PRECISION" : "REAL");
    replace_all(s, "{{BLOB}}", pg ? "BYTEA" : "BLOB");
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<int> migrate(Database& db) {
  std::vector<int> applied;
  Connection c = db.connect();
  const Migration* current = nullptr;
  try {
    {
      Transaction tx(c);
      if (c.engine() == Engine::kPostgres)
        c.session() << std::string("SELECT pg_advisory_xact_lock(") +
                           kMigrationLockKey + ")",
            now;
      ensure_table(c);
      tx.commit();
    }
    for (const Migration& m : all_migrations()) {
      current = &m;
      Transaction tx(c);
      // Held to the end of this transaction: a second migrator waits here
      // and then sees the version recorded.
      if (c.engine() == Engine::kPostgres)
        c.session() << std::string("SELECT pg_advisory_xact_lock(") +
                           kMigrationLockKey + ")",
            now;
      if (is_applied(c, m.version)) continue;
      for (const std::string& statement : render_migration(m, c.engine()))
        c.session() << statement, now;
      int version = m.version;
      std::string name = m.name;
      int64_t at = now_ms();
      c.session() << sql(c.engine(),
                         "INSERT INTO schema_migrations (version, name, "
                         "applied_at) VALUES (?, ?, ?)"),
          use(version), use(name), use(at), now;
      tx.commit();
      applied.push_back(m.version);
    }
  } catch (const Poco::Exception& e) {
    std::string which = current
                            ? "migration " + std::to_string(current->version) +
                                  " (" + current->name + ")"
                            : std::string("schema_migrations");
    throw StorageError(
        "storage.migration_failed",
        which + " failed on " + db.redacted_url() + ": " + e.displayText());
  }
  return applied;
}

std::vector<AppliedMigration> applied_migrations(Database& db) {
  Connection c = db.connect();
  std::vector<AppliedMigration> out;
  try {
    Transaction tx(c);
    ensure_table(c);
    std::vector<int> versions;
    std::vector<std::string> names;
    std::vector<int64_t> times;
    c.session() << "SELECT version, name, applied_at FROM schema_migrations "
                   "ORDER BY version",
        into(versions), into(names), into(times), now;
    tx.commit();
    for (std::size_t i = 0; i < versions.size(); ++i)
      out.push_back({versions[i], names[i], times[i]});
  } catch (const Poco::Exception& e) {
    throw StorageError("storage.query_failed",
                       "reading schema_migrations: " + e.displayText());
  }
  return out;
}

}  // namespace aihost::storage
