// Budgets run per calendar month in UTC, named "YYYY-MM".
#pragma once

#include <cstdint>
#include <string>

namespace aihost::governance {

std::string period_of(int64_t epoch_ms);

struct PeriodBounds {
  int64_t from_ms = 0;  // first millisecond of the month
  int64_t to_ms = 0;    // first millisecond of the next month
};

// Throws GovernanceError "budget.invalid" for a malformed period.
PeriodBounds bounds_of(const std::string& period);

}  // namespace aihost::governance
