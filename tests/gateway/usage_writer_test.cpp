// UsageWriter: batches, flush, flush on destruction, retry through an
// outage, and a row the database refuses dropped without blocking others.
#include <catch2/catch.hpp>

#include <Poco/Data/Session.h>

#include <limits>
#include <mutex>
#include <thread>

#include "../governance/governance_fixtures.hpp"
#include "governance/usage_writer.hpp"
#include "test_databases.hpp"

using namespace aihost;
using namespace aihost::governance;
using aihost::testing::add_tenant;
using aihost::testing::kNov10;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

storage::UsageLog row(const std::string& tenant, int n) {
  storage::UsageLog u;
  u.tenant_id = tenant;
  u.request_id = "req-" + std::to_string(n);
  u.provider = "openai";
  u.model = "gpt-4o-mini";
  u.operation = "llm.chat";
  u.input_tokens = 100 + n;
  u.output_tokens = n;
  u.cost_usd = 0.0001 * n;
  u.cost_method = "tokens";
  u.created_at_ms = kNov10 + n;
  return u;
}

std::vector<storage::UsageLog> rows_of(storage::Database& db,
                                       const std::string& tenant) {
  storage::Connection c = db.connect();
  return storage::UsageLogRepository(c).list(
      tenant, 0, std::numeric_limits<int64_t>::max());
}

struct Lines {
  LogFn fn() {
    return [this](const std::string& l) {
      std::lock_guard lock(mu);
      lines.push_back(l);
    };
  }
  bool contains(const std::string& s) {
    std::lock_guard lock(mu);
    for (const auto& l : lines)
      if (l.find(s) != std::string::npos) return true;
    return false;
  }
  std::mutex mu;
  std::vector<std::string> lines;
};

void exec(storage::Database& db, const std::string& sql) {
  storage::Connection c = db.connect();
  c.session() << sql, Poco::Data::Keywords::now;
}

}  // namespace

TEST_CASE("rows queued before destruction are all written") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", std::nullopt);
    UsageWriterOptions o;
    o.flush_interval = std::chrono::hours(1);  // only the destructor writes
    {
      UsageWriter writer(t->db(), o);
      for (int i = 1; i <= 25; ++i) writer.add(row("acme", i));
      CHECK(writer.pending() == 25);
    }
    auto rows = rows_of(t->db(), "acme");
    REQUIRE(rows.size() == 25);
    CHECK(rows.front().request_id == "req-1");
    CHECK(rows.back().output_tokens == 25);
  }
}

TEST_CASE("rows are committed in batches and flush() waits for them") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", std::nullopt);
    UsageWriterOptions o;
    o.flush_interval = std::chrono::hours(1);
    o.batch_rows = 4;
    UsageWriter writer(t->db(), o);
    for (int i = 1; i <= 4; ++i) writer.add(row("acme", i));
    // A full batch goes without waiting for the interval or a flush.
    for (int i = 0; i < 200 && writer.written() < 4; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(writer.written() == 4);
    for (int i = 5; i <= 10; ++i) writer.add(row("acme", i));
    REQUIRE(writer.flush(std::chrono::seconds(10)));
    CHECK(writer.pending() == 0);
    CHECK(rows_of(t->db(), "acme").size() == 10);
  }
}

TEST_CASE("an outage is retried, not lost; a refused row is dropped alone") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", std::nullopt);
    Lines log;
    UsageWriterOptions o;
    o.flush_interval = std::chrono::milliseconds(20);
    o.retry_delay = std::chrono::milliseconds(30);
    UsageWriter writer(t->db(), o, log.fn());

    // The table is away: commits fail and rows wait.
    exec(t->db(), "ALTER TABLE ai_usage_logs RENAME TO ai_usage_logs_away");
    for (int i = 1; i <= 5; ++i) writer.add(row("acme", i));
    for (int i = 0; i < 200 && writer.failed_commits() < 2; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(writer.failed_commits() >= 2);
    CHECK(writer.pending() == 5);
    CHECK(log.contains("will retry"));
    exec(t->db(), "ALTER TABLE ai_usage_logs_away RENAME TO ai_usage_logs");
    REQUIRE(writer.flush(std::chrono::seconds(10)));
    CHECK(rows_of(t->db(), "acme").size() == 5);
    CHECK(writer.dropped() == 0);

    // A row for a tenant that does not exist can never be written.
    writer.add(row("acme", 6));
    writer.add(row("ghost-tenant", 7));
    writer.add(row("acme", 8));
    REQUIRE(writer.flush(std::chrono::seconds(10)));
    CHECK(rows_of(t->db(), "acme").size() == 7);
    CHECK(writer.dropped() == 1);
    CHECK(log.contains("req-7"));
  }
}
