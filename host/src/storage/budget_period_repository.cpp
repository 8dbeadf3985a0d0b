#include "storage/budget_period_repository.hpp"

namespace aihost::storage {

using namespace Poco::Data::Keywords;

void BudgetPeriodRepository::ensure(const std::string& tenant_id,
                                    const std::string& period, int64_t now_ms) {
  guarded("opening budget period", [&] {
    session() << q(
        "INSERT INTO budget_periods (tenant_id, period, "
        "reserved_micros, spent_micros, updated_at) VALUES (?, ?, "
        "0, 0, ?) ON CONFLICT (tenant_id, period) DO NOTHING"),
        bind(tenant_id), bind(period), bind(now_ms), now;
  });
}

std::optional<BudgetPeriod> BudgetPeriodRepository::find(
    const std::string& tenant_id, const std::string& period) {
  return guarded("reading budget period", [&]() -> std::optional<BudgetPeriod> {
    Poco::Data::Statement st(session());
    st << q(
        "SELECT tenant_id, period, reserved_micros, spent_micros, "
        "updated_at FROM budget_periods WHERE tenant_id = ? AND period = "
        "?"),
        bind(tenant_id), bind(period), now;
    Poco::Data::RecordSet rs(st);
    if (rs.rowCount() == 0) return std::nullopt;
    RowReader r(rs, 0);
    return BudgetPeriod{r.text("tenant_id"), r.text("period"),
                        r.i64("reserved_micros"), r.i64("spent_micros"),
                        r.i64("updated_at")};
  });
}

bool BudgetPeriodRepository::try_reserve(const std::string& tenant_id,
                                         const std::string& period,
                                         int64_t amount,
                                         std::optional<int64_t> budget,
                                         int64_t now_ms) {
  if (amount < 0)
    throw StorageError("storage.invalid", "a reservation cannot be negative");
  return guarded("reserving budget", [&] {
    Poco::Data::Statement st(session());
    if (budget) {
      st << q(
          "UPDATE budget_periods SET reserved_micros = reserved_micros + "
          "?, updated_at = ? WHERE tenant_id = ? AND period = ? AND "
          "reserved_micros + spent_micros + ? <= ?"),
          bind(amount), bind(now_ms), bind(tenant_id), bind(period),
          bind(amount), bind(*budget);
    } else {
      st << q(
          "UPDATE budget_periods SET reserved_micros = reserved_micros + "
          "?, updated_at = ? WHERE tenant_id = ? AND period = ?"),
          bind(amount), bind(now_ms), bind(tenant_id), bind(period);
    }
    return st.execute() > 0;
  });
}

bool BudgetPeriodRepository::settle(const std::string& tenant_id,
                                    const std::string& period, int64_t reserved,
                                    int64_t actual, int64_t now_ms) {
  if (reserved < 0 || actual < 0)
    throw StorageError("storage.invalid", "amounts cannot be negative");
  return guarded("settling budget", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE budget_periods SET reserved_micros = reserved_micros - ?, "
        "spent_micros = spent_micros + ?, updated_at = ? WHERE tenant_id "
        "= ? AND period = ? AND reserved_micros >= ?"),
        bind(reserved), bind(actual), bind(now_ms), bind(tenant_id),
        bind(period), bind(reserved);
    return st.execute() > 0;
  });
}

bool BudgetPeriodRepository::release(const std::string& tenant_id,
                                     const std::string& period,
                                     int64_t reserved, int64_t now_ms) {
  return settle(tenant_id, period, reserved, 0, now_ms);
}

}  // namespace aihost::storage
