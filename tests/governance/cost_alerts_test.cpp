#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>

#include "governance/budget_service.hpp"
#include "governance_fixtures.hpp"
#include "test_databases.hpp"

using namespace aihost::governance;
using namespace aihost::storage;
using aihost::testing::add_tenant;
using aihost::testing::kNov10;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

std::vector<int> spend(BudgetService& budgets, const std::string& tenant,
                       double estimate, double actual, int64_t at) {
  Reservation r = budgets.reserve(tenant, estimate, "call", at);
  return budgets.settle(r, actual, at).alerts_fired;
}

}  // namespace

TEST_CASE("cost alerts fire once per threshold per month") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 10'000'000);  // $10, alerts at 50/80/100 %
    BudgetService budgets(t->db());

    CHECK(spend(budgets, "acme", 5, 4.0, kNov10).empty());
    CHECK(spend(budgets, "acme", 2, 1.5, kNov10) == std::vector<int>{50});
    CHECK(spend(budgets, "acme", 1, 0.1, kNov10).empty());  // 56 %
    CHECK(spend(budgets, "acme", 3, 3.0, kNov10) == std::vector<int>{80});
    // An estimate under the real cost can carry spend past 100 %.
    CHECK(spend(budgets, "acme", 1, 2.0, kNov10) == std::vector<int>{100});
    auto alerts = budgets.alerts("acme", std::string("2026-11"));
    REQUIRE(alerts.size() == 3);
    CHECK(alerts[0].threshold_percent == 50);
    CHECK(alerts[0].spent_micros == 5'500'000);
    CHECK(alerts[0].budget_micros == 10'000'000);
    CHECK(alerts[1].threshold_percent == 80);
    CHECK(alerts[2].threshold_percent == 100);
    CHECK(alerts[2].spent_micros == 10'600'000);

    // The next month starts clean and alerts again.
    const int64_t dec = kNov10 + 30LL * 24 * 3600 * 1000;
    CHECK(spend(budgets, "acme", 6, 6.0, dec) == std::vector<int>{50});
    CHECK(budgets.alerts("acme", std::string("2026-12")).size() == 1);
    CHECK(budgets.alerts("acme", std::nullopt).size() == 4);
  }
}

TEST_CASE("a jump past several thresholds fires each of them once") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    add_tenant(t->db(), "acme", 1'000'000, {25, 90});
    add_tenant(t->db(), "quiet", 1'000'000, {50}, /*alerts=*/false);
    BudgetService budgets(t->db());
    CHECK(spend(budgets, "acme", 1, 0.95, kNov10) == std::vector<int>{25, 90});
    CHECK(spend(budgets, "quiet", 1, 0.95, kNov10).empty());
    CHECK(budgets.alerts("quiet", std::nullopt).empty());
  }
}

TEST_CASE("concurrent settlements record each threshold exactly once") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(
        engine, {engine == Engine::kPostgres ? 20u : 8u, 20'000, 20'000});
    add_tenant(t->db(), "acme", 2'000'000);  // $2
    BudgetService budgets(t->db());
    constexpr int kCalls = 20;
    std::vector<Reservation> held;
    for (int i = 0; i < kCalls; ++i)
      held.push_back(budgets.reserve("acme", 0.1, "c", kNov10));

    std::latch start(kCalls);
    std::atomic<int> fired{0}, errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kCalls; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        try {
          fired += static_cast<int>(
              budgets.settle(held[i], 0.1, kNov10).alerts_fired.size());
        } catch (...) {
          ++errors;
        }
      });
    }
    for (auto& th : threads) th.join();
    REQUIRE(errors == 0);
    CHECK(fired == 3);
    CHECK(budgets.alerts("acme", std::nullopt).size() == 3);
  }
}
