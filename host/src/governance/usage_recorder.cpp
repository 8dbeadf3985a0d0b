#include "governance/usage_recorder.hpp"

#include "governance/governance_error.hpp"
#include "governance/money.hpp"
#include "storage/transaction.hpp"

namespace aihost::governance {

RecordOutcome UsageRecorder::record(
    const storage::UsageLog& usage,
    const std::optional<Reservation>& reservation, int64_t now_ms) {
  if (reservation && reservation->tenant_id != usage.tenant_id)
    throw GovernanceError("budget.invalid",
                          "reservation belongs to another tenant");
  RecordOutcome out;
  storage::Connection c = db_.connect();
  storage::Transaction tx(c);
  out.usage_id = storage::UsageLogRepository(c).insert(usage);
  if (reservation) {
    if (usage.cost_usd) {
      out.settlement = budgets_.settle_in(
          c, *reservation, usd_to_micros(*usage.cost_usd), now_ms);
    } else if (usage.success) {
      out.settlement = budgets_.settle_in(
          c, *reservation, reservation->estimated_micros, now_ms);
    } else {
      budgets_.release_in(c, *reservation, now_ms);
    }
  }
  tx.commit();
  return out;
}

}  // namespace aihost::governance
