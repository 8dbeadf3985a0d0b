#include <catch2/catch.hpp>

#include "governance/budget_service.hpp"
#include "governance/governance_error.hpp"
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

std::string refusal_code(BudgetService& budgets, const std::string& tenant,
                         double usd) {
  try {
    budgets.reserve(tenant, usd, "probe", kNov10);
  } catch (const GovernanceError& e) {
    return e.code();
  }
  return "";
}

}  // namespace

TEST_CASE("reserve, settle and release keep the period and ledger in step") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 10'000'000);  // $10
    BudgetService budgets(t->db());

    Reservation a = budgets.reserve("acme", 2.0, "req-a", kNov10);
    Reservation b = budgets.reserve("acme", 3.0, "req-b", kNov10);
    CHECK(a.period == "2026-11");
    CHECK(a.estimated_micros == 2'000'000);
    CHECK(a.ledger_id != b.ledger_id);
    auto s = budgets.status("acme", kNov10);
    CHECK(s.budget_micros == 10'000'000);
    CHECK(s.reserved_micros == 5'000'000);
    CHECK(s.spent_micros == 0);

    // Cheaper than estimated: the difference is free again.
    CHECK(budgets.settle(a, 1.25, kNov10 + 1).settled);
    CHECK(budgets.release(b, kNov10 + 2));
    s = budgets.status("acme", kNov10);
    CHECK(s.reserved_micros == 0);
    CHECK(s.spent_micros == 1'250'000);

    // Settling or releasing twice changes nothing.
    CHECK_FALSE(budgets.settle(a, 9.0, kNov10 + 3).settled);
    CHECK_FALSE(budgets.release(a, kNov10 + 3));
    CHECK_FALSE(budgets.release(b, kNov10 + 3));
    CHECK(budgets.status("acme", kNov10).spent_micros == 1'250'000);

    Connection c = t->db().connect();
    BudgetLedgerRepository ledger(c);
    auto entries = ledger.list("acme", "2026-11");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].status == LedgerStatus::kSettled);
    CHECK(entries[0].reference == "req-a");
    CHECK(entries[0].actual_micros == 1'250'000);
    CHECK(entries[1].status == LedgerStatus::kReleased);
    CHECK_FALSE(entries[1].actual_micros);
    auto totals = ledger.totals("acme", "2026-11");
    CHECK(totals.settled_micros == 1'250'000);
    CHECK(totals.open_reserved_micros == 0);
  }
}

TEST_CASE("an estimate that does not fit is refused with budget.exceeded") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 1'000'000);  // $1
    add_tenant(t->db(), "unlimited", std::nullopt);
    BudgetService budgets(t->db());

    Reservation held = budgets.reserve("acme", 0.6, "r1", kNov10);
    CHECK(refusal_code(budgets, "acme", 0.5) == "budget.exceeded");
    // Exactly to the limit is allowed.
    Reservation rest = budgets.reserve("acme", 0.4, "r2", kNov10);
    CHECK(refusal_code(budgets, "acme", 0.000001) == "budget.exceeded");
    budgets.release(held, kNov10);
    CHECK(refusal_code(budgets, "acme", 0.6) == "");

    try {
      budgets.reserve("acme", 5, "r3", kNov10);
      FAIL("reserved past the budget");
    } catch (const GovernanceError& e) {
      std::string m = e.what();
      CHECK(m.find("$1.000000") != std::string::npos);  // the budget
      CHECK(m.find("$5.000000") != std::string::npos);  // the estimate
    }

    // A refused reservation leaves no trace in the ledger.
    Connection c = t->db().connect();
    auto totals = BudgetLedgerRepository(c).totals("acme", "2026-11");
    CHECK(totals.reserved_count + totals.settled_count +
              totals.released_count ==
          3);

    // Without a budget everything is admitted, and still accounted.
    Reservation big = budgets.reserve("unlimited", 5000, "r", kNov10);
    budgets.settle(big, 4321.5, kNov10);
    CHECK(budgets.status("unlimited", kNov10).spent_micros == 4'321'500'000);
    CHECK_FALSE(budgets.status("unlimited", kNov10).budget_micros);

    CHECK(refusal_code(budgets, "acme", -1) == "budget.invalid");
    (void)rest;
  }
}

TEST_CASE("each month has its own budget") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 1'000'000);
    BudgetService budgets(t->db());
    Reservation nov = budgets.reserve("acme", 1.0, "nov", kNov10);
    budgets.settle(nov, 1.0, kNov10);
    CHECK(refusal_code(budgets, "acme", 0.01) == "budget.exceeded");
    const int64_t dec = kNov10 + 30LL * 24 * 3600 * 1000;
    Reservation next = budgets.reserve("acme", 1.0, "dec", dec);
    CHECK(next.period == "2026-12");
    CHECK(budgets.status("acme", dec).reserved_micros == 1'000'000);
    CHECK(budgets.status("acme", kNov10).spent_micros == 1'000'000);
  }
}

TEST_CASE("reservations of a process that died are released after expiry") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 1'000'000);
    BudgetService budgets(t->db(), {/*reservation_ttl_ms=*/1000});

    Reservation lost = budgets.reserve("acme", 1.0, "crashed", kNov10);
    // Until it expires it counts against the budget.
    CHECK(refusal_code(budgets, "acme", 0.01) == "budget.exceeded");
    CHECK(budgets.release_expired(kNov10 + 500) == 0);
    CHECK(budgets.release_expired(kNov10 + 1001) == 1);
    CHECK(budgets.status("acme", kNov10).reserved_micros == 0);
    CHECK(budgets.release_expired(kNov10 + 5000) == 0);
    // The holder coming back late cannot settle it any more.
    CHECK_FALSE(budgets.settle(lost, 1.0, kNov10 + 6000).settled);
    CHECK(budgets.status("acme", kNov10).spent_micros == 0);
  }
}
