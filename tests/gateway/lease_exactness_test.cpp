// Two BudgetLeases objects stand for two processes sharing one database.
// Many threads in each admit and settle calls until refused: a budget that
// fits exactly N calls admits exactly N, whatever the interleaving, and the
// period totals and the ledger balance once the leases are closed.
#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>

#include "../governance/governance_fixtures.hpp"
#include "governance/budget_leases.hpp"
#include "governance/governance_error.hpp"
#include "storage/budget_ledger_repository.hpp"
#include "storage/budget_period_repository.hpp"
#include "test_databases.hpp"

using namespace aihost::governance;
using namespace aihost::storage;
using aihost::testing::add_tenant;
using aihost::testing::kNov10;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

constexpr int64_t kEstimate = 25'000;  // $0.025 per call
constexpr int kCalls = 40;
constexpr int64_t kBudget = kCalls * kEstimate;  // room for exactly 40
constexpr int kThreadsPerProcess = 6;

DatabaseOptions pool_for(Engine engine) {
  return {engine == Engine::kPostgres ? 16u : 8u, 20'000, 20'000};
}

}  // namespace

TEST_CASE("two lease holders admit exactly the calls a budget covers") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine, pool_for(engine));
    add_tenant(t->db(), "acme", kBudget);
    add_tenant(t->db(), "bystander", kEstimate);
    std::atomic<int64_t> clock{kNov10};
    auto now = [&] { return clock.load(); };
    auto quiet = [](const std::string&) {};

    std::atomic<int> admitted{0}, refused{0}, errors{0};
    {
      // Slices of two calls, so that many are taken and given back.
      LeaseOptions a_opts, b_opts;
      a_opts.holder = "proc-a";
      b_opts.holder = "proc-b";
      a_opts.slice_fraction = b_opts.slice_fraction = 0.05;
      BudgetLeases a(t->db(), a_opts, now, quiet),
          b(t->db(), b_opts, now, quiet);
      std::latch start(2 * kThreadsPerProcess);
      std::vector<std::thread> threads;
      for (int i = 0; i < 2 * kThreadsPerProcess; ++i) {
        BudgetLeases& leases = i % 2 ? a : b;
        threads.emplace_back([&] {
          start.arrive_and_wait();
          for (;;) {
            try {
              BudgetHold hold = leases.admit("acme", kBudget, kEstimate);
              ++admitted;
              // The call, in flight.
              std::this_thread::sleep_for(std::chrono::milliseconds(1));
              leases.settle(hold, kEstimate);
            } catch (const GovernanceError& e) {
              if (e.code() == "budget.exceeded") {
                ++refused;
              } else {
                ++errors;
              }
              return;
            } catch (...) {
              ++errors;
              return;
            }
          }
        });
      }
      for (auto& th : threads) th.join();
      REQUIRE(errors == 0);
      CHECK(admitted == kCalls);
      CHECK(refused == 2 * kThreadsPerProcess);
      CHECK(a.slices_taken() + b.slices_taken() >= kCalls / 2);
      // On PostgreSQL both holders take slices of the same budget. SQLite's
      // busy wait is not fair between connections, so there one holder may
      // take every slice while the other waits; the count is exact either
      // way.
      if (engine == Engine::kPostgres) {
        CHECK(a.slices_taken() >= 1);
        CHECK(b.slices_taken() >= 1);
      }
    }  // both close their leases

    Connection c = t->db().connect();
    auto period = BudgetPeriodRepository(c).find("acme", "2026-11");
    REQUIRE(period);
    CHECK(period->reserved_micros == 0);
    CHECK(period->spent_micros == kCalls * kEstimate);
    auto totals = BudgetLedgerRepository(c).totals("acme", "2026-11");
    CHECK(totals.reserved_count == 0);
    CHECK(totals.settled_micros == period->spent_micros);
    for (const auto& e : BudgetLedgerRepository(c).list("acme", "2026-11"))
      CHECK(is_lease_reference(e.reference));
    CHECK_FALSE(BudgetPeriodRepository(c).find("bystander", "2026-11"));
  }
}

TEST_CASE("calls that cost less than estimated leave room for more") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine, pool_for(engine));
    add_tenant(t->db(), "acme", kBudget);
    std::atomic<int64_t> clock{kNov10};
    auto now = [&] { return clock.load(); };
    auto quiet = [](const std::string&) {};
    std::atomic<int64_t> spent{0};
    std::atomic<int> errors{0};
    {
      BudgetLeases a(t->db(), {}, now, quiet), b(t->db(), {}, now, quiet);
      std::vector<std::thread> threads;
      for (int i = 0; i < 8; ++i) {
        BudgetLeases& leases = i % 2 ? a : b;
        threads.emplace_back([&, i] {
          for (int n = 0;; ++n) {
            try {
              BudgetHold hold = leases.admit("acme", kBudget, kEstimate);
              int64_t actual = kEstimate - 1000 * ((i + n) % 20);
              leases.settle(hold, actual);
              spent += actual;
            } catch (const GovernanceError&) {
              return;
            } catch (...) {
              ++errors;
              return;
            }
          }
        });
      }
      for (auto& th : threads) th.join();
    }
    REQUIRE(errors == 0);
    Connection c = t->db().connect();
    auto period = BudgetPeriodRepository(c).find("acme", "2026-11");
    REQUIRE(period);
    CHECK(period->reserved_micros == 0);
    CHECK(period->spent_micros == spent.load());
    CHECK(period->spent_micros <= kBudget);
    // More than the 40 that full-price calls would have allowed fit, and
    // what is left is less than one more estimate.
    CHECK(kBudget - period->spent_micros < kEstimate);
  }
}
