#include "governance/budget_leases.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "governance/billing_period.hpp"
#include "governance/governance_error.hpp"
#include "governance/money.hpp"
#include "storage/budget_ledger_repository.hpp"
#include "storage/budget_period_repository.hpp"
#include "storage/transaction.hpp"

namespace aihost::governance {

// A slice of one tenant's budget for one period, held by this process.
struct Lease {
  int64_t ledger_id = 0;
  std::string tenant_id;
  std::string period;
  int64_t slice = 0;  // reserved in budget_periods
  int64_t spent = 0;  // settled calls
  int64_t held = 0;   // estimates of calls in flight
  int inflight = 0;
  int64_t expires_at = 0;
  int64_t last_used = 0;
  bool retired = false;  // takes no new calls; closes when drained
  bool closed = false;

  int64_t available() const { return slice - spent - held; }
};

struct BudgetLeases::Account {
  std::mutex mu;  // serialises this tenant's slice taking and accounting
  std::shared_ptr<Lease> current;
  std::vector<std::shared_ptr<Lease>> draining;
};

namespace {

int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string default_holder() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "host") + ":" +
         std::to_string(static_cast<long>(getpid()));
}

// `n` rounded up to a whole number of `unit`s.
int64_t round_up(int64_t n, int64_t unit) {
  if (unit <= 0) return n;
  return (n + unit - 1) / unit * unit;
}

}  // namespace

bool is_lease_reference(const std::string& reference) {
  return reference.rfind(kLeaseReferencePrefix, 0) == 0;
}

BudgetLeases::BudgetLeases(storage::Database& db, LeaseOptions options,
                           NowFn now, LogFn log)
    : db_(db),
      options_(std::move(options)),
      now_(now ? std::move(now) : NowFn(system_now_ms)),
      log_(log ? std::move(log) : LogFn(log_to_stderr)),
      budgets_(db, BudgetOptions{options_.ttl_ms}) {
  if (options_.holder.empty()) options_.holder = default_holder();
  if (!(options_.slice_fraction >= 0)) options_.slice_fraction = 0;
  options_.min_slice_micros = std::max<int64_t>(0, options_.min_slice_micros);
}

BudgetLeases::~BudgetLeases() {
  {
    std::lock_guard lock(maintenance_mu_);
    stopping_ = true;
  }
  maintenance_cv_.notify_all();
  if (maintenance_.joinable()) maintenance_.join();
  try {
    close_all();
  } catch (const std::exception& e) {
    log_(std::string("budget leases: closing leases at shutdown failed: ") +
         e.what());
  }
}

std::shared_ptr<BudgetLeases::Account> BudgetLeases::account(
    const std::string& tenant_id, const std::string& period) {
  std::lock_guard lock(mu_);
  auto& slot = accounts_[{tenant_id, period}];
  if (!slot) slot = std::make_shared<Account>();
  return slot;
}

BudgetHold BudgetLeases::admit(const std::string& tenant_id,
                               std::optional<int64_t> budget_micros,
                               int64_t estimate_micros) {
  if (estimate_micros < 0)
    throw GovernanceError("budget.invalid", "an estimate cannot be negative");
  BudgetHold hold;
  hold.tenant_id = tenant_id;
  hold.amount_micros = estimate_micros;
  hold.open = true;
  if (!budget_micros) return hold;  // no budget: nothing to account

  const int64_t now = now_();
  hold.budgeted = true;
  hold.period = period_of(now);
  auto acc = account(tenant_id, hold.period);
  std::lock_guard lock(acc->mu);

  std::shared_ptr<Lease> lease = acc->current;
  if (lease && !lease->closed &&
      now + options_.renew_margin_ms >= lease->expires_at)
    renew_lease(*lease, now);  // a lost lease comes back closed
  if (lease && lease->closed) {
    acc->current.reset();
    lease.reset();
  }
  if (!lease || lease->available() < estimate_micros) {
    lease = take_slice(*acc, tenant_id, hold.period, *budget_micros,
                       estimate_micros, now);
  }
  if (lease) {
    lease->held += estimate_micros;
    ++lease->inflight;
    lease->last_used = now;
  }
  hold.lease = std::move(lease);
  return hold;
}

std::shared_ptr<Lease> BudgetLeases::take_slice(Account& acc,
                                                const std::string& tenant_id,
                                                const std::string& period,
                                                int64_t budget, int64_t amount,
                                                int64_t now) {
  int64_t desired = std::max<int64_t>(
      {amount,
       static_cast<int64_t>(
           std::floor(options_.slice_fraction * static_cast<double>(budget))),
       options_.min_slice_micros});
  desired = round_up(desired, amount);

  // The old lease gives its remainder back in the same transaction, so
  // the remainder counts as left. One still serving calls drains first.
  std::shared_ptr<Lease> old = std::move(acc.current);
  if (old) {
    old->retired = true;
    if (old->inflight > 0) {
      acc.draining.push_back(old);
      old.reset();
    }
  }
  std::vector<int> fired;
  std::shared_ptr<Lease> lease;
  int64_t left = 0;
  try {
    storage::Connection c = db_.connect();
    storage::Transaction tx(c);
    if (old) fired = close_lease_in(c, *old, old->spent, now);
    storage::BudgetPeriodRepository periods(c);
    for (int attempt = 0; attempt < 8 && !lease; ++attempt) {
      auto row = periods.find(tenant_id, period);
      if (!row) {
        periods.ensure(tenant_id, period, now);
        row = periods.find(tenant_id, period);
      }
      left = budget - (row ? row->spent_micros + row->reserved_micros : 0);
      int64_t slice = std::min(desired, left);
      if (amount > 0) slice = slice / amount * amount;  // whole estimates
      if (slice < amount || slice <= 0) break;
      // Another process took some meanwhile: read again and retry.
      if (!periods.try_reserve(tenant_id, period, slice, budget, now)) continue;
      auto taken = std::make_shared<Lease>();
      taken->tenant_id = tenant_id;
      taken->period = period;
      taken->slice = slice;
      taken->expires_at = now + options_.ttl_ms;
      taken->last_used = now;
      uint64_t seq;
      {
        std::lock_guard lock(mu_);
        seq = ++sequence_;
      }
      taken->ledger_id = storage::BudgetLedgerRepository(c).open(
          tenant_id, period, slice,
          std::string(kLeaseReferencePrefix) + options_.holder + ":" +
              std::to_string(seq),
          taken->expires_at, now);
      lease = std::move(taken);
    }
    tx.commit();
  } catch (...) {
    if (old) acc.draining.push_back(old);  // maintain() closes it later
    throw;
  }
  if (old) {
    old->closed = true;
    report_alerts(*old, fired);
  }
  if (lease) {
    std::lock_guard lock(mu_);
    ++slices_;
    acc.current = lease;
    return lease;
  }
  // A free call (estimate 0) still runs when nothing is left to lease; a
  // cost it turns out to have is charged on its own at settlement.
  if (amount == 0) return nullptr;
  throw GovernanceError(
      "budget.exceeded",
      "the monthly budget of " + format_usd(budget) + " for tenant " +
          tenant_id + " cannot cover an estimated " + format_usd(amount) +
          " (" + format_usd(std::max<int64_t>(0, left)) + " left to lease)");
}

void BudgetLeases::settle(BudgetHold& hold, int64_t actual_micros) {
  if (!hold.open) return;
  hold.open = false;
  if (!hold.budgeted) return;
  actual_micros = std::max<int64_t>(0, actual_micros);
  const int64_t now = now_();
  auto acc = account(hold.tenant_id, hold.period);
  std::lock_guard lock(acc->mu);
  if (!hold.lease) {
    if (actual_micros > 0)
      charge_unleased(hold.tenant_id, hold.period, actual_micros, now);
    return;
  }
  Lease& lease = *hold.lease;
  if (lease.closed) {
    // Closed under the call (shutdown, or swept): its estimate was counted
    // as spent; only a cost beyond it is still owed.
    if (actual_micros > hold.amount_micros)
      charge_unleased(hold.tenant_id, hold.period,
                      actual_micros - hold.amount_micros, now);
    return;
  }
  lease.held -= hold.amount_micros;
  lease.spent += actual_micros;
  --lease.inflight;
  lease.last_used = now;
  if (lease.retired && lease.inflight == 0) {
    if (close_lease(lease, lease.spent, now))
      std::erase_if(acc->draining,
                    [&](const auto& l) { return l.get() == &lease; });
  }
}

std::vector<int> BudgetLeases::close_lease_in(storage::Connection& c,
                                              Lease& lease, int64_t charge,
                                              int64_t now) {
  Reservation r{lease.ledger_id, lease.tenant_id, lease.period, lease.slice};
  SettleOutcome out = budgets_.settle_in(c, r, charge, now);
  if (!out.settled && charge > lease.slice) {
    // Swept at its full slice while still held: charge what it went over.
    int64_t id = storage::BudgetLedgerRepository(c).open(
        lease.tenant_id, lease.period, 0,
        std::string(kLeaseReferencePrefix) + options_.holder + ":overrun", now,
        now);
    budgets_.settle_in(c, Reservation{id, lease.tenant_id, lease.period, 0},
                       charge - lease.slice, now);
  }
  return out.alerts_fired;
}

void BudgetLeases::report_alerts(const Lease& lease,
                                 const std::vector<int>& fired) {
  for (int t : fired)
    log_("cost alert: tenant '" + lease.tenant_id + "' passed " +
         std::to_string(t) + "% of its monthly budget for " + lease.period);
}

bool BudgetLeases::close_lease(Lease& lease, int64_t charge, int64_t now) {
  try {
    storage::Connection c = db_.connect();
    storage::Transaction tx(c);
    std::vector<int> fired = close_lease_in(c, lease, charge, now);
    tx.commit();
    lease.closed = true;
    report_alerts(lease, fired);
    return true;
  } catch (const std::exception& e) {
    log_("budget leases: closing lease " + std::to_string(lease.ledger_id) +
         " of tenant '" + lease.tenant_id +
         "' failed (will retry): " + e.what());
    return false;
  }
}

bool BudgetLeases::renew_lease(Lease& lease, int64_t now) {
  try {
    storage::Connection c = db_.connect();
    const int64_t expires = now + options_.ttl_ms;
    if (storage::BudgetLedgerRepository(c).extend(lease.tenant_id,
                                                  lease.ledger_id, expires)) {
      lease.expires_at = expires;
      return true;
    }
    // The sweeper settled it at its full slice: the lease is gone, and
    // whatever it had left with it.
    lease.closed = true;
    lease.retired = true;
    log_("budget leases: lease " + std::to_string(lease.ledger_id) +
         " of tenant '" + lease.tenant_id +
         "' expired before it was renewed; its slice counts as spent");
    return false;
  } catch (const std::exception& e) {
    log_("budget leases: renewing lease " + std::to_string(lease.ledger_id) +
         " failed (will retry): " + e.what());
    return false;
  }
}

void BudgetLeases::charge_unleased(const std::string& tenant_id,
                                   const std::string& period, int64_t actual,
                                   int64_t now) {
  try {
    storage::Connection c = db_.connect();
    storage::Transaction tx(c);
    storage::BudgetPeriodRepository(c).ensure(tenant_id, period, now);
    int64_t id = storage::BudgetLedgerRepository(c).open(
        tenant_id, period, 0,
        std::string(kLeaseReferencePrefix) + options_.holder + ":unleased", now,
        now);
    budgets_.settle_in(c, Reservation{id, tenant_id, period, 0}, actual, now);
    tx.commit();
  } catch (const std::exception& e) {
    log_("budget leases: charging " + format_usd(actual) + " to tenant '" +
         tenant_id + "' failed: " + e.what());
  }
}

int BudgetLeases::maintain() {
  const int64_t now = now_();
  const std::string this_period = period_of(now);
  std::vector<std::shared_ptr<Account>> accounts;
  {
    std::lock_guard lock(mu_);
    for (auto& [key, acc] : accounts_) accounts.push_back(acc);
  }
  int changed = 0;
  for (auto& acc : accounts) {
    std::lock_guard lock(acc->mu);
    for (auto it = acc->draining.begin(); it != acc->draining.end();) {
      Lease& l = **it;
      if (!l.closed && l.inflight == 0) {
        if (close_lease(l, l.spent, now)) ++changed;
      } else if (!l.closed && now + options_.renew_margin_ms >= l.expires_at) {
        // A long call (a transcription) keeps its lease alive.
        if (renew_lease(l, now)) ++changed;
      }
      it = l.closed ? acc->draining.erase(it) : std::next(it);
    }
    if (auto& cur = acc->current; cur && !cur->closed) {
      const bool stale = cur->period != this_period;
      const bool idle = now - cur->last_used >= options_.idle_close_ms;
      if (cur->inflight == 0 && (stale || idle)) {
        cur->retired = true;
        if (close_lease(*cur, cur->spent, now)) ++changed;
      } else if (now + options_.renew_margin_ms >= cur->expires_at) {
        if (renew_lease(*cur, now)) ++changed;
      }
      if (cur->closed) cur.reset();
    }
  }
  // Our own leases were just renewed, so what expired belongs to holders
  // that stopped renewing.
  if (options_.sweep_expired) {
    try {
      changed += budgets_.release_expired(now);
    } catch (const std::exception& e) {
      log_(std::string("budget leases: sweeping expired leases failed: ") +
           e.what());
    }
  }
  return changed;
}

void BudgetLeases::start_maintenance(int64_t interval_ms) {
  if (maintenance_.joinable() || interval_ms <= 0) return;
  maintenance_ = std::thread([this, interval_ms] {
    std::unique_lock lock(maintenance_mu_);
    while (!maintenance_cv_.wait_for(lock,
                                     std::chrono::milliseconds(interval_ms),
                                     [&] { return stopping_; })) {
      lock.unlock();
      try {
        maintain();
      } catch (const std::exception& e) {
        log_(std::string("budget leases: maintenance failed: ") + e.what());
      }
      lock.lock();
    }
  });
}

void BudgetLeases::close_all() {
  const int64_t now = now_();
  std::vector<std::shared_ptr<Account>> accounts;
  {
    std::lock_guard lock(mu_);
    for (auto& [key, acc] : accounts_) accounts.push_back(acc);
  }
  for (auto& acc : accounts) {
    std::lock_guard lock(acc->mu);
    std::vector<std::shared_ptr<Lease>> all = acc->draining;
    if (acc->current) all.push_back(acc->current);
    for (auto& l : all)
      if (!l->closed) {
        l->retired = true;
        close_lease(*l, l->spent + l->held, now);
      }
    acc->current.reset();
    std::erase_if(acc->draining, [](const auto& l) { return l->closed; });
  }
}

size_t BudgetLeases::open_leases() const {
  std::vector<std::shared_ptr<Account>> accounts;
  {
    std::lock_guard lock(mu_);
    for (auto& [key, acc] : accounts_) accounts.push_back(acc);
  }
  size_t n = 0;
  for (auto& acc : accounts) {
    std::lock_guard lock(acc->mu);
    if (acc->current && !acc->current->closed) ++n;
    for (auto& l : acc->draining)
      if (!l->closed) ++n;
  }
  return n;
}

uint64_t BudgetLeases::slices_taken() const {
  std::lock_guard lock(mu_);
  return slices_;
}

}  // namespace aihost::governance
