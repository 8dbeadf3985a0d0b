// Numbered schema migrations, applied in order and recorded in
// schema_migrations. Each runs in its own transaction with its record, so a
// failure leaves the schema at the previous version; running again applies
// only what is missing. On PostgreSQL an advisory lock makes concurrent
// `aihost migrate` runs from several machines wait for each other.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace aihost::storage {

struct Migration {
  int version = 0;
  std::string name;
  // Dialect-neutral statements; see schema_v*.cpp for the placeholders.
  std::vector<std::string> statements;
};

struct AppliedMigration {
  int version = 0;
  std::string name;
  int64_t applied_at_ms = 0;
};

// Every migration the code knows, ascending by version.
const std::vector<Migration>& all_migrations();

// Statements of `m` as `engine` runs them.
std::vector<std::string> render_migration(const Migration& m, Engine engine);

// Applies what is missing; returns the versions it applied (empty when the
// schema was current). Throws StorageError "storage.migration_failed".
std::vector<int> migrate(Database& db);

// What schema_migrations records (empty before the first migrate).
std::vector<AppliedMigration> applied_migrations(Database& db);

}  // namespace aihost::storage
