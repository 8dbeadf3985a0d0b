// budget_periods: per tenant and month, the money reserved by calls in
// flight and the money spent. Admission is a single conditional UPDATE of
// this row, so under any concurrency reserved + spent never passes the
// budget: on PostgreSQL concurrent updates of one row serialise on its row
// lock and each re-checks the condition against the committed values; on
// SQLite the database write lock serialises them.
#pragma once

#include <optional>
#include <string>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct BudgetPeriod {
  std::string tenant_id;
  std::string period;  // "YYYY-MM", UTC
  int64_t reserved_micros = 0;
  int64_t spent_micros = 0;
  int64_t updated_at_ms = 0;
};

class BudgetPeriodRepository : RepositoryBase {
 public:
  explicit BudgetPeriodRepository(Connection& c) : RepositoryBase(c) {}

  // Creates the row with zeros if missing.
  void ensure(const std::string& tenant_id, const std::string& period,
              int64_t now);
  std::optional<BudgetPeriod> find(const std::string& tenant_id,
                                   const std::string& period);
  // Adds `amount` to reserved if reserved + spent + amount stays within
  // `budget` (no budget: always). False when refused or no row.
  bool try_reserve(const std::string& tenant_id, const std::string& period,
                   int64_t amount, std::optional<int64_t> budget, int64_t now);
  // Moves a reservation to spent with the real amount, which may be more
  // or less than reserved.
  bool settle(const std::string& tenant_id, const std::string& period,
              int64_t reserved, int64_t actual, int64_t now);
  bool release(const std::string& tenant_id, const std::string& period,
               int64_t reserved, int64_t now);
};

}  // namespace aihost::storage
