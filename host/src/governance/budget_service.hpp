// Monthly budgets enforced at admission.
//
//   Reservation r = budgets.reserve(tenant, estimate, request_id, now);
//   ... call the provider ...
//   budgets.settle(r, actual_cost, now);   // or release(r) if nothing billed
//
// reserve() is one conditional UPDATE of the tenant's period row plus a
// ledger row, in one transaction: it succeeds only if spent + reserved +
// estimate stays within the budget, so concurrent callers on any number of
// processes can never reserve past it. Spend can exceed the budget only by
// what settled calls cost beyond their estimates.
//
// A reservation not settled or released within `reservation_ttl_ms` (its
// process died) keeps counting as reserved until release_expired() returns
// it: a crash can under-use a budget but never overspend it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/cost_alert_repository.hpp"
#include "storage/database.hpp"

namespace aihost::governance {

struct BudgetOptions {
  int64_t reservation_ttl_ms = 15 * 60 * 1000;
};

struct Reservation {
  int64_t ledger_id = 0;
  std::string tenant_id;
  std::string period;
  int64_t estimated_micros = 0;
};

struct SettleOutcome {
  // False when the reservation had already been settled or released.
  bool settled = false;
  // Thresholds (percent) this settlement crossed for the first time.
  std::vector<int> alerts_fired;
};

struct BudgetStatus {
  std::string period;
  std::optional<int64_t> budget_micros;  // none: unlimited
  int64_t reserved_micros = 0;
  int64_t spent_micros = 0;
};

class BudgetService {
 public:
  explicit BudgetService(storage::Database& db, BudgetOptions options = {});

  // Throws GovernanceError "budget.exceeded" when the estimate does not
  // fit, "budget.invalid" for a bad amount.
  Reservation reserve(const std::string& tenant_id, double estimated_usd,
                      const std::string& reference, int64_t now_ms);
  SettleOutcome settle(const Reservation& r, double actual_usd, int64_t now_ms);
  // Same, inside the caller's open transaction on `c` (so usage rows and
  // the settlement commit together).
  SettleOutcome settle_in(storage::Connection& c, const Reservation& r,
                          int64_t actual_micros, int64_t now_ms);
  // False when already closed.
  bool release(const Reservation& r, int64_t now_ms);
  bool release_in(storage::Connection& c, const Reservation& r, int64_t now_ms);
  // Closes reservations whose holders never came back; how many. A plain
  // reservation is released; a budget lease (budget_leases.hpp) is settled
  // at its full slice, since its holder may have spent all of it.
  int release_expired(int64_t now_ms);

  BudgetStatus status(const std::string& tenant_id, int64_t now_ms);
  std::vector<storage::CostAlert> alerts(
      const std::string& tenant_id, const std::optional<std::string>& period);

 private:
  storage::Database& db_;
  BudgetOptions options_;
};

}  // namespace aihost::governance
