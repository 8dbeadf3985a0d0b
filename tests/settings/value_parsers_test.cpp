// Typed parsing of single setting values.
#include "settings/value_parsers.hpp"

#include <catch2/catch.hpp>

using namespace aihost::settings;

TEST_CASE("booleans", "[settings][parse]") {
  for (const char* t : {"true", "TRUE", "1", "yes", "on", "Yes"})
    CHECK(parse_bool(t) == true);
  for (const char* f : {"false", "0", "no", "off", "False"})
    CHECK(parse_bool(f) == false);
  for (const char* bad : {"", "2", "y", "tru", "true ", "enabled"}) {
    INFO(bad);
    CHECK_FALSE(parse_bool(bad));
  }
}

TEST_CASE("integers with ranges", "[settings][parse]") {
  CHECK(parse_int("0", 0, 10) == 0);
  CHECK(parse_int("10", 0, 10) == 10);
  CHECK(parse_int("-5", -10, 10) == -5);
  CHECK(parse_int("17179869184", 0, int64_t{16} << 30) == int64_t{16} << 30);
  for (const char* bad : {"", "11", "-1", "1.5", "1e3", " 1", "1 ", "0x10",
                          "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_int(bad, 0, 10));
  }
}

TEST_CASE("database URLs", "[settings][parse]") {
  auto sqlite = parse_database_url("sqlite:var/aihost.db");
  REQUIRE(sqlite);
  CHECK(sqlite->engine == DatabaseUrl::Engine::kSqlite);
  CHECK(sqlite->sqlite_path == "var/aihost.db");
  CHECK(parse_database_url("sqlite:///tmp/a.db")->sqlite_path == "/tmp/a.db");

  auto pg = parse_database_url(
      "postgresql://aihost:s3cr3t-pw@db.internal:5433/aihost");
  REQUIRE(pg);
  CHECK(pg->engine == DatabaseUrl::Engine::kPostgres);
  CHECK(pg->url == "postgresql://aihost:s3cr3t-pw@db.internal:5433/aihost");
  CHECK(pg->redacted() == "postgresql://aihost:***@db.internal:5433/aihost");
  auto pg_query = parse_database_url(
      "postgres://aihost@127.0.0.1/aihost?password=s3cr3t-pw&sslmode=disable");
  REQUIRE(pg_query);
  CHECK(pg_query->redacted().find("s3cr3t-pw") == std::string::npos);
  CHECK(pg_query->redacted().find("sslmode=disable") != std::string::npos);

  for (const char* bad :
       {"", "sqlite:", "sqlite://", "mysql://h/db", "postgresql://",
        "postgresql://host", "postgresql://host/", "var/aihost.db",
        "postgresql://[bad/db"}) {
    INFO(bad);
    CHECK_FALSE(parse_database_url(bad));
  }
}

TEST_CASE("listen addresses", "[settings][parse]") {
  auto a = parse_listen("127.0.0.1:8080");
  REQUIRE(a);
  CHECK(a->host == "127.0.0.1");
  CHECK(a->port == 8080);
  auto v6 = parse_listen("[::1]:9000");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->to_string() == "[::1]:9000");
  CHECK(parse_listen("0.0.0.0:1")->port == 1);
  CHECK(parse_listen("api.local:443")->host == "api.local");
  for (const char* bad :
       {"", "8080", ":8080", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536",
        "::1:80", "[]:80", "h st:80", "127.0.0.1:http"}) {
    INFO(bad);
    CHECK_FALSE(parse_listen(bad));
  }
}

TEST_CASE("ids, log levels and thresholds", "[settings][parse]") {
  CHECK(valid_provider_id("local-pii"));
  CHECK(valid_provider_id("openai"));
  CHECK_FALSE(valid_provider_id(""));
  CHECK_FALSE(valid_provider_id("OpenAI"));
  CHECK_FALSE(valid_provider_id("-x"));
  CHECK_FALSE(valid_provider_id("open ai"));
  CHECK(valid_model_id("gpt-4o-mini-2024-07-18"));
  CHECK(valid_model_id(""));
  CHECK_FALSE(valid_model_id("gpt 4o"));
  CHECK(valid_log_level("warning"));
  CHECK_FALSE(valid_log_level("warn"));
  CHECK(parse_thresholds("50,80,100") == std::vector<int>{50, 80, 100});
  CHECK(parse_thresholds(" 90 , 120 ") == std::vector<int>{90, 120});
  for (const char* bad : {"", "80,50", "50,50", "0", "50,,80", "abc", "1001"}) {
    INFO(bad);
    CHECK_FALSE(parse_thresholds(bad));
  }
}
