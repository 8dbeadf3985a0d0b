#include <catch2/catch.hpp>

#include "storage/database.hpp"
#include "storage/database_url.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage_error.hpp"

using namespace aihost::storage;

namespace {

std::string error_code_of(std::string_view url) {
  try {
    parse_database_url(url);
  } catch (const StorageError& e) {
    return e.code();
  }
  return "";
}

}  // namespace

TEST_CASE("postgresql URLs become libpq connection strings") {
  auto t = parse_database_url(
      "postgresql://svc:s3cr%40t@db.internal:6543/aihost?sslmode=require");
  CHECK(t.engine == Engine::kPostgres);
  CHECK(t.connection ==
        "host='db.internal' port=6543 user='svc' password='s3cr@t' "
        "dbname='aihost' sslmode='require'");
  // The loggable form never carries the password.
  CHECK(t.redacted.find("s3cr") == std::string::npos);
  CHECK(t.redacted == "postgresql://svc:***@db.internal:6543/aihost");

  auto plain = parse_database_url("postgres://localhost/app");
  CHECK(plain.connection == "host='localhost' dbname='app'");
  CHECK(parse_database_url("postgresql://h/d?options=-csearch_path%3Dt1")
            .connection == "host='h' dbname='d' options='-csearch_path=t1'");
  CHECK(plain.redacted == "postgres://localhost/app");

  auto quoted = parse_database_url("postgresql://u:it's%5Cx@[::1]:5432/d");
  CHECK(quoted.connection ==
        "host='::1' port=5432 user='u' password='it\\'s\\\\x' dbname='d'");
}

TEST_CASE("sqlite URLs and bare paths name a file") {
  CHECK(parse_database_url("sqlite:///var/aihost.db").connection ==
        "var/aihost.db");
  CHECK(parse_database_url("sqlite:////srv/aihost.db").connection ==
        "/srv/aihost.db");
  CHECK(parse_database_url("data/x.db").engine == Engine::kSqlite);
  CHECK(parse_database_url(kDefaultDatabaseUrl).connection == "var/aihost.db");
}

TEST_CASE("malformed database URLs are refused with storage.bad_url") {
  for (const char* bad :
       {"", "mysql://h/db", "postgresql://host", "postgresql://host/",
        "postgresql:///db", "postgresql://h:99999/db", "postgresql://h:x/db",
        "postgresql://h/db?sslmode", "sqlite://", "postgresql://h/d%zz",
        "postgresql://u:two%20words@h/d", "postgresql://h/d?options=-c%20x"}) {
    CAPTURE(bad);
    CHECK(error_code_of(bad) == "storage.bad_url");
  }
}

TEST_CASE("an unreachable server is storage.unavailable, password hidden") {
  try {
    Database::open("postgresql://u:hunter2@127.0.0.1:1/none?connect_timeout=2");
    FAIL("opened a database on port 1");
  } catch (const StorageError& e) {
    CHECK(e.code() == "storage.unavailable");
    CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
  }
}

TEST_CASE("an SQLite file that cannot be created is storage.unavailable") {
  try {
    Database::open("sqlite:////proc/no-such-dir/x.db");
    FAIL("opened a database under /proc");
  } catch (const StorageError& e) {
    CHECK(e.code() == "storage.unavailable");
  }
}

TEST_CASE("one SQL text serves both engines") {
  const char* text =
      "UPDATE t SET a = ?, j = ?json WHERE note = 'why?' AND b = ?";
  CHECK(sql(Engine::kSqlite, text) ==
        "UPDATE t SET a = ?, j = ? WHERE note = 'why?' AND b = ?");
  CHECK(sql(Engine::kPostgres, text) ==
        "UPDATE t SET a = $1, j = CAST($2 AS JSONB) WHERE note = 'why?' AND "
        "b = $3");
}
