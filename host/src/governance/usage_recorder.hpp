// Records one provider call attempt and settles its budget reservation in
// the same transaction, so the usage log and the budget never disagree.
//
// The settled amount is the call's cost. An unpriced call (no cost) is
// charged its reservation's estimate: the budget cannot count a cost it
// does not know as zero. A failed attempt with no cost releases the
// reservation.
#pragma once

#include <optional>

#include "governance/budget_service.hpp"
#include "storage/usage_log_repository.hpp"

namespace aihost::governance {

struct RecordOutcome {
  int64_t usage_id = 0;
  SettleOutcome settlement;
};

class UsageRecorder {
 public:
  UsageRecorder(storage::Database& db, BudgetService& budgets)
      : db_(db), budgets_(budgets) {}

  RecordOutcome record(const storage::UsageLog& usage,
                       const std::optional<Reservation>& reservation,
                       int64_t now_ms);

 private:
  storage::Database& db_;
  BudgetService& budgets_;
};

}  // namespace aihost::governance
