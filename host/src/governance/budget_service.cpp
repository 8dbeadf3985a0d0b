#include "governance/budget_service.hpp"

#include <algorithm>

#include "governance/billing_period.hpp"
#include "governance/budget_leases.hpp"
#include "governance/governance_error.hpp"
#include "governance/money.hpp"
#include "storage/budget_ledger_repository.hpp"
#include "storage/budget_period_repository.hpp"
#include "storage/tenant_feature_repository.hpp"
#include "storage/transaction.hpp"

namespace aihost::governance {

using storage::BudgetLedgerRepository;
using storage::BudgetPeriodRepository;
using storage::Connection;
using storage::CostAlertRepository;
using storage::TenantFeatureRepository;
using storage::Transaction;

BudgetService::BudgetService(storage::Database& db, BudgetOptions options)
    : db_(db), options_(options) {}

Reservation BudgetService::reserve(const std::string& tenant_id,
                                   double estimated_usd,
                                   const std::string& reference,
                                   int64_t now_ms) {
  const int64_t amount = usd_to_micros_ceil(estimated_usd);
  Reservation r{0, tenant_id, period_of(now_ms), amount};

  Connection c = db_.connect();
  Transaction tx(c);
  auto features = TenantFeatureRepository(c).find(tenant_id);
  std::optional<int64_t> budget =
      features ? features->monthly_budget_micros : std::nullopt;
  BudgetPeriodRepository periods(c);
  bool reserved =
      periods.try_reserve(tenant_id, r.period, amount, budget, now_ms);
  if (!reserved && !periods.find(tenant_id, r.period)) {
    // First call of the month: open the period row, then try again.
    periods.ensure(tenant_id, r.period, now_ms);
    reserved = periods.try_reserve(tenant_id, r.period, amount, budget, now_ms);
  }
  if (!reserved) {
    auto p = periods.find(tenant_id, r.period);
    throw GovernanceError(
        "budget.exceeded",
        "monthly budget of " + format_usd(budget.value_or(0)) + " for tenant " +
            tenant_id + " cannot cover an estimated " + format_usd(amount) +
            " (spent " + format_usd(p ? p->spent_micros : 0) + ", reserved " +
            format_usd(p ? p->reserved_micros : 0) + ")");
  }
  r.ledger_id = BudgetLedgerRepository(c).open(
      tenant_id, r.period, amount, reference,
      now_ms + options_.reservation_ttl_ms, now_ms);
  tx.commit();
  return r;
}

SettleOutcome BudgetService::settle(const Reservation& r, double actual_usd,
                                    int64_t now_ms) {
  const int64_t actual = usd_to_micros(actual_usd);
  Connection c = db_.connect();
  Transaction tx(c);
  SettleOutcome out = settle_in(c, r, actual, now_ms);
  tx.commit();
  return out;
}

SettleOutcome BudgetService::settle_in(Connection& c, const Reservation& r,
                                       int64_t actual_micros, int64_t now_ms) {
  if (actual_micros < 0)
    throw GovernanceError("budget.invalid", "a cost cannot be negative");
  SettleOutcome out;
  // The ledger row closes once; a second settle (a retried call site) finds
  // it closed and changes nothing.
  if (!BudgetLedgerRepository(c).close_settled(r.tenant_id, r.ledger_id,
                                               actual_micros, now_ms))
    return out;
  BudgetPeriodRepository periods(c);
  if (!periods.settle(r.tenant_id, r.period, r.estimated_micros, actual_micros,
                      now_ms))
    throw GovernanceError("budget.invalid",
                          "reservation does not match its period's totals");
  out.settled = true;

  auto features = TenantFeatureRepository(c).find(r.tenant_id);
  if (!features || !features->cost_alerts_enabled ||
      !features->monthly_budget_micros || *features->monthly_budget_micros <= 0)
    return out;
  const int64_t budget = *features->monthly_budget_micros;
  auto period = periods.find(r.tenant_id, r.period);
  const int64_t spent = period ? period->spent_micros : 0;
  std::vector<int> thresholds = features->cost_alert_thresholds;
  std::sort(thresholds.begin(), thresholds.end());
  CostAlertRepository alerts(c);
  for (int t : thresholds) {
    // spent / budget >= t %, in integers.
    if (static_cast<__int128>(spent) * 100 < static_cast<__int128>(budget) * t)
      break;
    if (alerts.record(r.tenant_id, r.period, t, spent, budget, now_ms))
      out.alerts_fired.push_back(t);
  }
  return out;
}

bool BudgetService::release(const Reservation& r, int64_t now_ms) {
  Connection c = db_.connect();
  Transaction tx(c);
  bool released = release_in(c, r, now_ms);
  tx.commit();
  return released;
}

bool BudgetService::release_in(Connection& c, const Reservation& r,
                               int64_t now_ms) {
  if (!BudgetLedgerRepository(c).close_released(r.tenant_id, r.ledger_id,
                                                now_ms))
    return false;
  if (!BudgetPeriodRepository(c).release(r.tenant_id, r.period,
                                         r.estimated_micros, now_ms))
    throw GovernanceError("budget.invalid",
                          "reservation does not match its period's totals");
  return true;
}

int BudgetService::release_expired(int64_t now_ms) {
  int released = 0;
  for (;;) {
    std::vector<storage::LedgerEntry> batch;
    {
      Connection c = db_.connect();
      batch = BudgetLedgerRepository(c).expired(now_ms, 100);
    }
    if (batch.empty()) break;
    for (const auto& e : batch) {
      Reservation r{e.id, e.tenant_id, e.period, e.estimated_micros};
      // Another sweeper or the late holder may have closed it meanwhile;
      // release() and settle() then report false and change nothing.
      // A budget lease was spent from in memory by a process that is gone:
      // what it spent is unknown, so all of it counts as spent.
      bool closed;
      if (is_lease_reference(e.reference)) {
        Connection c = db_.connect();
        Transaction tx(c);
        closed = settle_in(c, r, e.estimated_micros, now_ms).settled;
        tx.commit();
      } else {
        closed = release(r, now_ms);
      }
      if (closed) ++released;
    }
    if (batch.size() < 100) break;
  }
  return released;
}

BudgetStatus BudgetService::status(const std::string& tenant_id,
                                   int64_t now_ms) {
  BudgetStatus s;
  s.period = period_of(now_ms);
  Connection c = db_.connect();
  auto features = TenantFeatureRepository(c).find(tenant_id);
  if (features) s.budget_micros = features->monthly_budget_micros;
  if (auto p = BudgetPeriodRepository(c).find(tenant_id, s.period)) {
    s.reserved_micros = p->reserved_micros;
    s.spent_micros = p->spent_micros;
  }
  return s;
}

std::vector<storage::CostAlert> BudgetService::alerts(
    const std::string& tenant_id, const std::optional<std::string>& period) {
  Connection c = db_.connect();
  return CostAlertRepository(c).list(tenant_id, period);
}

}  // namespace aihost::governance
