// Budget leases on one process: what is written when, renewal and idle
// close, overruns, and a holder that died (its lease swept at full slice).
#include <catch2/catch.hpp>

#include <atomic>

#include "../governance/governance_fixtures.hpp"
#include "governance/budget_leases.hpp"
#include "governance/budget_service.hpp"
#include "governance/governance_error.hpp"
#include "storage/budget_ledger_repository.hpp"
#include "storage/budget_period_repository.hpp"
#include "storage/cost_alert_repository.hpp"
#include "test_databases.hpp"

using namespace aihost::governance;
using namespace aihost::storage;
using aihost::testing::add_tenant;
using aihost::testing::kNov10;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

struct Rig {
  explicit Rig(Engine engine, LeaseOptions options = {})
      : t(open_test_database(engine)) {
    options.holder = "test-proc";
    leases = std::make_unique<BudgetLeases>(
        t->db(), options, [this] { return clock.load(); },
        [this](const std::string& l) { log.push_back(l); });
  }
  BudgetPeriod period(const std::string& tenant) {
    Connection c = t->db().connect();
    auto p = BudgetPeriodRepository(c).find(tenant, "2026-11");
    return p ? *p : BudgetPeriod{};
  }
  std::vector<LedgerEntry> ledger(const std::string& tenant) {
    Connection c = t->db().connect();
    return BudgetLedgerRepository(c).list(tenant, "2026-11");
  }

  std::unique_ptr<aihost::testing::TestDatabase> t;
  std::atomic<int64_t> clock{kNov10};
  std::vector<std::string> log;
  std::unique_ptr<BudgetLeases> leases;
};

}  // namespace

TEST_CASE("a tenant without a budget is admitted without a write") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    Rig rig(engine);
    add_tenant(rig.t->db(), "free", std::nullopt);
    BudgetHold hold = rig.leases->admit("free", std::nullopt, 5'000'000);
    CHECK_FALSE(hold.budgeted);
    rig.leases->settle(hold, 7'000'000);
    CHECK(rig.leases->slices_taken() == 0);
    CHECK(rig.ledger("free").empty());
    Connection c = rig.t->db().connect();
    CHECK_FALSE(BudgetPeriodRepository(c).find("free", "2026-11"));
  }
}

TEST_CASE("calls spend a lease in memory; a new slice closes the old one") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    Rig rig(engine);
    add_tenant(rig.t->db(), "acme", 1'000'000);  // slices of $0.10
    for (int i = 0; i < 4; ++i) {
      BudgetHold h = rig.leases->admit("acme", 1'000'000, 20'000);
      rig.leases->settle(h, 15'000);
    }
    // One slice, one ledger row, however many calls.
    CHECK(rig.leases->slices_taken() == 1);
    auto rows = rig.ledger("acme");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].status == LedgerStatus::kReserved);
    CHECK(rows[0].estimated_micros == 100'000);
    CHECK(rows[0].reference == "lease:test-proc:1");
    CHECK(rig.period("acme").reserved_micros == 100'000);

    // 60'000 spent, 40'000 left: a 50'000 call needs a new slice.
    BudgetHold big = rig.leases->admit("acme", 1'000'000, 50'000);
    rows = rig.ledger("acme");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].status == LedgerStatus::kSettled);
    CHECK(rows[0].actual_micros == 60'000);
    CHECK(rows[1].estimated_micros == 100'000);  // two whole estimates
    CHECK(rig.period("acme").spent_micros == 60'000);
    CHECK(rig.period("acme").reserved_micros == 100'000);

    // Overrun: the call cost more than its estimate; it is all counted.
    rig.leases->settle(big, 70'000);
    rig.leases->close_all();
    CHECK(rig.period("acme").spent_micros == 130'000);
    CHECK(rig.period("acme").reserved_micros == 0);
    CHECK(rig.leases->open_leases() == 0);
  }
}

TEST_CASE("near the end of a budget a lease is cut to what is left") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    Rig rig(engine);
    add_tenant(rig.t->db(), "acme", 75'000);
    BudgetHold a = rig.leases->admit("acme", 75'000, 30'000);
    // Desired max(30'000, 7'500, 10'000) = 30'000 -> one estimate.
    CHECK(rig.ledger("acme").back().estimated_micros == 30'000);
    BudgetHold b = rig.leases->admit("acme", 75'000, 30'000);
    CHECK_THROWS_MATCHES(
        rig.leases->admit("acme", 75'000, 30'000), GovernanceError,
        Catch::Predicate<GovernanceError>([](const GovernanceError& e) {
          return e.code() == "budget.exceeded";
        }));
    rig.leases->release(a);  // gives 30'000 back to its (draining) lease
    rig.leases->release(b);
    rig.leases->maintain();
    rig.leases->close_all();
    CHECK(rig.period("acme").spent_micros == 0);
    CHECK(rig.period("acme").reserved_micros == 0);
    // A zero estimate (a free model) is admitted even with nothing left.
    add_tenant(rig.t->db(), "spent", 0);
    BudgetHold free = rig.leases->admit("spent", 0, 0);
    rig.leases->settle(free, 0);
  }
}

TEST_CASE("busy leases are renewed before expiry; idle ones are closed") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    LeaseOptions o;
    o.ttl_ms = 10'000;
    o.renew_margin_ms = 2'000;
    o.idle_close_ms = 5'000;
    Rig rig(engine, o);
    add_tenant(rig.t->db(), "acme", 1'000'000);
    BudgetHold h = rig.leases->admit("acme", 1'000'000, 10'000);
    CHECK(rig.ledger("acme")[0].expires_at_ms == kNov10 + 10'000);

    // In flight near expiry: maintain() renews.
    rig.clock = kNov10 + 8'500;
    CHECK(rig.leases->maintain() == 1);
    CHECK(rig.ledger("acme")[0].expires_at_ms == kNov10 + 18'500);
    rig.leases->settle(h, 10'000);

    // Admission near expiry renews too.
    rig.clock = kNov10 + 17'000;
    BudgetHold h2 = rig.leases->admit("acme", 1'000'000, 10'000);
    CHECK(rig.ledger("acme")[0].expires_at_ms == kNov10 + 27'000);
    rig.leases->settle(h2, 10'000);

    // Unused for idle_close_ms: closed, the rest given back.
    rig.clock = kNov10 + 23'000;
    CHECK(rig.leases->maintain() == 1);
    CHECK(rig.leases->open_leases() == 0);
    CHECK(rig.ledger("acme")[0].status == LedgerStatus::kSettled);
    CHECK(rig.period("acme").spent_micros == 20'000);
    CHECK(rig.period("acme").reserved_micros == 0);
  }
}

TEST_CASE("a dead holder's lease is swept at its full slice") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    LeaseOptions o;
    o.ttl_ms = 1'000;
    Rig rig(engine, o);
    add_tenant(rig.t->db(), "acme", 1'000'000);
    BudgetHold h = rig.leases->admit("acme", 1'000'000, 10'000);
    rig.leases->settle(h, 10'000);
    // The holder stops renewing (as if it died); another process's
    // maintenance sweeps.
    BudgetLeases other(
        rig.t->db(), {}, [] { return kNov10 + 5'000; },
        [](const std::string&) {});
    CHECK(other.maintain() == 1);
    auto rows = rig.ledger("acme");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].status == LedgerStatus::kSettled);
    CHECK(rows[0].actual_micros == 100'000);  // unknown use: all of it
    CHECK(rig.period("acme").spent_micros == 100'000);
    CHECK(rig.period("acme").reserved_micros == 0);

    // Came back after all: its late close changes nothing (no double
    // count), and a renewal finds the lease gone and takes a new slice.
    rig.clock = kNov10 + 6'000;
    BudgetHold again = rig.leases->admit("acme", 1'000'000, 10'000);
    rig.leases->settle(again, 10'000);
    rig.leases->close_all();
    CHECK(rig.period("acme").spent_micros == 110'000);
    CHECK(rig.period("acme").reserved_micros == 0);
    bool told = false;
    for (const auto& l : rig.log)
      told = told || l.find("counts as spent") != std::string::npos;
    CHECK(told);
  }
}

TEST_CASE("cost alerts fire when a lease closes past a threshold") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    Rig rig(engine);
    add_tenant(rig.t->db(), "acme", 100'000, {50, 80});
    for (int i = 0; i < 6; ++i) {
      BudgetHold h = rig.leases->admit("acme", 100'000, 10'000);
      rig.leases->settle(h, 10'000);
    }
    rig.leases->close_all();
    Connection c = rig.t->db().connect();
    auto alerts = CostAlertRepository(c).list("acme", std::string("2026-11"));
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].threshold_percent == 50);
    bool logged = false;
    for (const auto& l : rig.log)
      logged = logged || l.find("passed 50%") != std::string::npos;
    CHECK(logged);
  }
}
