// budget_ledger: one row per reservation and how it ended. It is what makes
// settle and release idempotent (a row closes once) and what the period
// totals can be audited against.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

enum class LedgerStatus { kReserved, kSettled, kReleased };

const char* ledger_status_name(LedgerStatus status);

struct LedgerEntry {
  int64_t id = 0;
  std::string tenant_id;
  std::string period;
  LedgerStatus status = LedgerStatus::kReserved;
  std::string reference;  // request or job id
  int64_t estimated_micros = 0;
  std::optional<int64_t> actual_micros;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::optional<int64_t> closed_at_ms;
};

struct LedgerTotals {
  int64_t open_reserved_micros = 0;  // sum of estimates still RESERVED
  int64_t settled_micros = 0;        // sum of actuals SETTLED
  int64_t reserved_count = 0;
  int64_t settled_count = 0;
  int64_t released_count = 0;
};

class BudgetLedgerRepository : RepositoryBase {
 public:
  explicit BudgetLedgerRepository(Connection& c) : RepositoryBase(c) {}

  int64_t open(const std::string& tenant_id, const std::string& period,
               int64_t estimated_micros, const std::string& reference,
               int64_t expires_at, int64_t now);
  std::optional<LedgerEntry> find(const std::string& tenant_id, int64_t id);
  std::vector<LedgerEntry> list(const std::string& tenant_id,
                                const std::string& period);
  // RESERVED -> SETTLED / RELEASED; false when the entry is not the
  // tenant's or already closed.
  bool close_settled(const std::string& tenant_id, int64_t id,
                     int64_t actual_micros, int64_t now);
  bool close_released(const std::string& tenant_id, int64_t id, int64_t now);
  // Moves a RESERVED entry's expiry; false when it is already closed.
  bool extend(const std::string& tenant_id, int64_t id, int64_t expires_at);
  // Reservations whose holder never came back, all tenants.
  std::vector<LedgerEntry> expired(int64_t now, int limit);
  LedgerTotals totals(const std::string& tenant_id, const std::string& period);
};

}  // namespace aihost::storage
