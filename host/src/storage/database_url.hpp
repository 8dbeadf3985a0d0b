// Where the database lives, from an AI_DATABASE_URL-style string:
//   postgresql://user:pass@host:port/db[?sslmode=...]  -> PostgreSQL
//   sqlite:///abs/path.db, sqlite://rel/path.db, or a bare path -> SQLite
#pragma once

#include <string>
#include <string_view>

namespace aihost::storage {

enum class Engine { kSqlite, kPostgres };

const char* engine_name(Engine engine);

struct DatabaseTarget {
  Engine engine = Engine::kSqlite;
  // What Poco's connector expects: a file path for SQLite, a libpq
  // "key=value" string for PostgreSQL.
  std::string connection;
  // The URL with any password replaced by "***", safe to log.
  std::string redacted;
};

// The embedded default: a file under var/ beside the working directory.
inline constexpr std::string_view kDefaultDatabaseUrl =
    "sqlite:///var/aihost.db";

// Throws StorageError("storage.bad_url") naming what is wrong.
DatabaseTarget parse_database_url(std::string_view url);

}  // namespace aihost::storage
