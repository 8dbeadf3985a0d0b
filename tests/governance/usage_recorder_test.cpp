#include <catch2/catch.hpp>

#include "governance/budget_service.hpp"
#include "governance/governance_error.hpp"
#include "governance/usage_recorder.hpp"
#include "governance_fixtures.hpp"
#include "storage/budget_ledger_repository.hpp"
#include "test_databases.hpp"

using namespace aihost::governance;
using namespace aihost::storage;
using aihost::testing::add_tenant;
using aihost::testing::kNov10;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

UsageLog call(const std::string& tenant, std::optional<double> cost,
              bool success) {
  UsageLog u;
  u.tenant_id = tenant;
  u.provider = "openai";
  u.model = "gpt-4o-mini";
  u.operation = "chat.complete";
  u.input_tokens = 900;
  u.output_tokens = 120;
  u.cost_usd = cost;
  u.cost_method = cost ? "price_table" : "unpriced";
  u.success = success;
  if (!success) u.error_code = "provider.unavailable";
  u.created_at_ms = kNov10;
  return u;
}

}  // namespace

TEST_CASE("usage rows and their settlement commit together") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 10'000'000);
    add_tenant(t->db(), "globex", 10'000'000);
    BudgetService budgets(t->db());
    UsageRecorder recorder(t->db(), budgets);

    // Priced: settles at its cost.
    Reservation r1 = budgets.reserve("acme", 0.5, "r1", kNov10);
    auto out = recorder.record(call("acme", 0.2, true), r1, kNov10);
    CHECK(out.usage_id > 0);
    CHECK(out.settlement.settled);
    CHECK(budgets.status("acme", kNov10).spent_micros == 200'000);

    // Unpriced: recorded with no cost, charged its estimate.
    Reservation r2 = budgets.reserve("acme", 0.5, "r2", kNov10);
    recorder.record(call("acme", std::nullopt, true), r2, kNov10);
    CHECK(budgets.status("acme", kNov10).spent_micros == 700'000);

    // Failed with nothing billed: the reservation is given back.
    Reservation r3 = budgets.reserve("acme", 0.5, "r3", kNov10);
    recorder.record(call("acme", std::nullopt, false), r3, kNov10);
    auto s = budgets.status("acme", kNov10);
    CHECK(s.spent_micros == 700'000);
    CHECK(s.reserved_micros == 0);

    // No reservation (a call made outside admission): just the row.
    recorder.record(call("acme", 0.01, true), std::nullopt, kNov10);

    Connection c = t->db().connect();
    auto rows = UsageLogRepository(c).list("acme", 0, kNov10 + 1);
    REQUIRE(rows.size() == 4);
    CHECK_FALSE(rows[1].cost_usd);
    CHECK_FALSE(rows[2].success);
    auto totals = BudgetLedgerRepository(c).totals("acme", "2026-11");
    CHECK(totals.settled_count == 2);
    CHECK(totals.released_count == 1);
    CHECK(totals.settled_micros == 700'000);

    // A reservation cannot be settled against another tenant's usage, and
    // nothing is written when it is refused.
    Reservation r4 = budgets.reserve("acme", 0.5, "r4", kNov10);
    CHECK_THROWS_AS(recorder.record(call("globex", 0.1, true), r4, kNov10),
                    GovernanceError);
    CHECK(UsageLogRepository(c).list("globex", 0, kNov10 + 1).empty());
    CHECK(budgets.status("acme", kNov10).reserved_micros == 500'000);
  }
}

TEST_CASE("a failing usage insert rolls the settlement back") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 10'000'000);
    BudgetService budgets(t->db());
    UsageRecorder recorder(t->db(), budgets);
    Reservation r = budgets.reserve("acme", 0.5, "r", kNov10);
    UsageLog bad = call("acme", 0.3, true);
    bad.cost_method.clear();  // refused by the repository
    CHECK_THROWS_AS(recorder.record(bad, r, kNov10), StorageError);
    auto s = budgets.status("acme", kNov10);
    CHECK(s.reserved_micros == 500'000);
    CHECK(s.spent_micros == 0);
    // The reservation is still open and settles normally afterwards.
    CHECK(
        recorder.record(call("acme", 0.3, true), r, kNov10).settlement.settled);
  }
}
