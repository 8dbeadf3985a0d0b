// Budgets hold under concurrency: many threads, each with its own
// connection, racing to reserve against one tenant's budget.
#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <mutex>
#include <thread>

#include "governance/budget_service.hpp"
#include "governance/governance_error.hpp"
#include "governance/money.hpp"
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

constexpr int kThreads = 50;
constexpr int kAdmitted = 17;
constexpr int64_t kEstimate = 370'000;  // $0.37
// Room for exactly 17 estimates; the 18th is one micro-dollar short.
constexpr int64_t kBudget = kAdmitted * kEstimate + kEstimate - 1;

DatabaseOptions pool_for(Engine engine) {
  return {engine == Engine::kPostgres ? 20u : 8u, 20'000, 20'000};
}

// Opens every pooled session up front. Poco creates sessions one at a time
// under its pool lock; left to the race itself, that would space the
// threads out and hide the contention this test is about.
void warm_pool(Database& db, std::size_t sessions) {
  std::vector<Connection> held;
  for (std::size_t i = 0; i < sessions; ++i) held.push_back(db.connect());
}

}  // namespace

TEST_CASE("50 concurrent reservations: exactly N admitted, ledger balances") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine, pool_for(engine));
    add_tenant(t->db(), "acme", kBudget);
    add_tenant(t->db(), "bystander", kEstimate);
    BudgetService budgets(t->db());
    warm_pool(t->db(), pool_for(engine).max_sessions);

    std::latch start(kThreads);
    std::mutex mutex;
    std::vector<Reservation> admitted;
    std::atomic<int> refused{0}, other_errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        try {
          Reservation r = budgets.reserve("acme", micros_to_usd(kEstimate),
                                          "call-" + std::to_string(i), kNov10);
          std::lock_guard lock(mutex);
          admitted.push_back(r);
        } catch (const GovernanceError& e) {
          if (e.code() == "budget.exceeded")
            ++refused;
          else
            ++other_errors;
        } catch (...) {
          ++other_errors;
        }
      });
    }
    for (auto& th : threads) th.join();
    REQUIRE(other_errors == 0);
    CHECK(admitted.size() == kAdmitted);
    CHECK(refused == kThreads - kAdmitted);
    CHECK(budgets.status("acme", kNov10).reserved_micros ==
          kAdmitted * kEstimate);

    // Settle concurrently too, each with a real cost at or under its
    // estimate.
    int64_t expected_spend = 0;
    for (std::size_t i = 0; i < admitted.size(); ++i)
      expected_spend += kEstimate - static_cast<int64_t>(i) * 1000;
    threads.clear();
    for (std::size_t i = 0; i < admitted.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          budgets.settle(
              admitted[i],
              micros_to_usd(kEstimate - static_cast<int64_t>(i) * 1000),
              kNov10 + 1);
        } catch (...) {
          ++other_errors;
        }
      });
    }
    for (auto& th : threads) th.join();
    REQUIRE(other_errors == 0);

    auto status = budgets.status("acme", kNov10);
    CHECK(status.reserved_micros == 0);
    CHECK(status.spent_micros == expected_spend);
    CHECK(status.spent_micros <= kBudget);
    Connection c = t->db().connect();
    auto totals = BudgetLedgerRepository(c).totals("acme", "2026-11");
    CHECK(totals.settled_count == kAdmitted);
    CHECK(totals.reserved_count == 0);
    CHECK(totals.settled_micros == status.spent_micros);
    CHECK(totals.open_reserved_micros == status.reserved_micros);
    // The other tenant's budget was not touched by the race.
    CHECK(budgets.status("bystander", kNov10).spent_micros == 0);
  }
}

TEST_CASE("reserve-call-settle loops in parallel never overspend") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine, pool_for(engine));
    constexpr int64_t budget = 5'000'000;  // $5
    add_tenant(t->db(), "acme", budget);
    BudgetService budgets(t->db());
    warm_pool(t->db(), pool_for(engine).max_sessions);

    // Each call is estimated at $0.25 and really costs between $0.10 and
    // $0.25, so how many fit depends on the interleaving; the invariant is
    // that the spend stays within the budget and the books balance.
    std::latch start(kThreads);
    std::atomic<int> calls{0}, other_errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        for (int n = 0;; ++n) {
          try {
            Reservation r = budgets.reserve("acme", 0.25, "loop", kNov10);
            const int64_t cost = 100'000 + ((i * 7 + n * 13) % 16) * 10'000;
            budgets.settle(r, micros_to_usd(cost), kNov10);
            ++calls;
          } catch (const GovernanceError& e) {
            if (e.code() != "budget.exceeded") ++other_errors;
            return;
          } catch (...) {
            ++other_errors;
            return;
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    REQUIRE(other_errors == 0);
    auto status = budgets.status("acme", kNov10);
    CHECK(status.reserved_micros == 0);
    CHECK(status.spent_micros <= budget);
    // Refusals were honest: no room was left for one more estimate.
    CHECK(status.spent_micros + 250'000 > budget);
    Connection c = t->db().connect();
    auto totals = BudgetLedgerRepository(c).totals("acme", "2026-11");
    CHECK(totals.settled_count == calls);
    CHECK(totals.settled_micros == status.spent_micros);
  }
}
