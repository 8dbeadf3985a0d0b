// Budget leases: admission without a database write per call.
//
// A process takes a slice of a tenant's remaining monthly budget in one
// transaction (the conditional UPDATE of budget_periods that BudgetService
// uses, plus a RESERVED ledger row whose reference starts with "lease:"),
// then admits calls against that slice in memory. When a call does not fit
// in what is left, the lease is closed (its ledger row settled at what was
// really spent, giving the rest back) and a new slice is taken in the same
// transaction. So across any number of processes, spent + reserved never
// passes the budget, and a call is refused ("budget.exceeded") only when
// neither this process's lease nor the database can cover its estimate.
//
// Slice size: max(estimate, slice_fraction of the budget, min_slice),
// rounded up to a whole number of estimates and cut to what is left, also
// in whole estimates: a workload of like calls never strands a fraction of
// a call in a lease, so a budget for N calls admits exactly N.
//
// Leases expire `ttl_ms` after they were taken or last renewed; maintain()
// (or the maintenance thread) renews busy leases before that and closes idle
// ones. A lease whose process died is settled at its full slice by
// BudgetService::release_expired: a crash can under-use a budget, never
// overspend it. Cost alerts fire when a lease closes (BudgetService's
// thresholds against the period's spent total), so they lag real spend by
// at most one open slice per process.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "governance/budget_service.hpp"
#include "governance/usage_writer.hpp"
#include "storage/database.hpp"

namespace aihost::governance {

// Ledger references of lease rows start with this.
inline constexpr const char* kLeaseReferencePrefix = "lease:";
bool is_lease_reference(const std::string& reference);

struct LeaseOptions {
  double slice_fraction = 0.10;
  int64_t min_slice_micros = 10'000;  // $0.01
  int64_t ttl_ms = 10 * 60 * 1000;
  int64_t renew_margin_ms = 2 * 60 * 1000;
  int64_t idle_close_ms = 60 * 1000;
  // maintain() also closes reservations and leases that expired with their
  // holders gone (BudgetService::release_expired), whichever process held
  // them: every process sweeps, so no separate sweeper is needed.
  bool sweep_expired = true;
  // Names this process in ledger references; default "<host>:<pid>".
  std::string holder;
};

struct Lease;

// One call's claim on its tenant's budget, from admission to settlement.
struct BudgetHold {
  std::string tenant_id;
  std::string period;
  int64_t amount_micros = 0;  // the admitted estimate
  bool budgeted = false;      // false: the tenant has no budget
  bool open = false;
  std::shared_ptr<Lease> lease;  // null for unbudgeted tenants
};

class BudgetLeases {
 public:
  using NowFn = std::function<int64_t()>;  // epoch milliseconds

  BudgetLeases(storage::Database& db, LeaseOptions options = {}, NowFn now = {},
               LogFn log = log_to_stderr);
  // Closes every lease (close_all); errors are logged.
  ~BudgetLeases();
  BudgetLeases(const BudgetLeases&) = delete;
  BudgetLeases& operator=(const BudgetLeases&) = delete;

  // Admits a call estimated at `estimate_micros` for a tenant whose monthly
  // budget is `budget_micros` (none: no budget, nothing is written). Throws
  // GovernanceError "budget.exceeded" when it does not fit, StorageError
  // when a slice could not be taken.
  BudgetHold admit(const std::string& tenant_id,
                   std::optional<int64_t> budget_micros,
                   int64_t estimate_micros);
  // Records what the call really cost (in memory; a database write only
  // when this closes a lease that was waiting for its last call).
  void settle(BudgetHold& hold, int64_t actual_micros);
  void release(BudgetHold& hold) { settle(hold, 0); }

  // Renews busy leases near expiry, closes idle ones and those of a past
  // period, then sweeps expired ones of dead holders. Returns how many
  // leases and reservations it renewed or closed.
  int maintain();
  // Runs maintain() every `interval_ms` on a thread until destruction.
  void start_maintenance(int64_t interval_ms);
  // Gives back every lease's unused remainder. In-flight calls count at
  // their estimates.
  void close_all();

  // Leases open right now (for tests and metrics).
  size_t open_leases() const;
  // Slices taken so far.
  uint64_t slices_taken() const;

 private:
  struct Account;
  std::shared_ptr<Account> account(const std::string& tenant_id,
                                   const std::string& period);
  // All below run with the account's mutex held.
  std::shared_ptr<Lease> take_slice(Account& account,
                                    const std::string& tenant_id,
                                    const std::string& period,
                                    int64_t budget_micros, int64_t amount,
                                    int64_t now);
  bool close_lease(Lease& lease, int64_t charge, int64_t now);
  // Settles the lease's ledger row at `charge` inside the caller's
  // transaction; returns the alert thresholds that fired.
  std::vector<int> close_lease_in(storage::Connection& c, Lease& lease,
                                  int64_t charge, int64_t now);
  void report_alerts(const Lease& lease, const std::vector<int>& fired);
  bool renew_lease(Lease& lease, int64_t now);
  void charge_unleased(const std::string& tenant_id, const std::string& period,
                       int64_t actual, int64_t now);

  storage::Database& db_;
  LeaseOptions options_;
  NowFn now_;
  LogFn log_;
  BudgetService budgets_;

  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<Account>>
      accounts_;
  uint64_t sequence_ = 0;
  uint64_t slices_ = 0;

  std::mutex maintenance_mu_;
  std::condition_variable maintenance_cv_;
  bool stopping_ = false;
  std::thread maintenance_;
};

}  // namespace aihost::governance
