#include "storage/budget_ledger_repository.hpp"

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kSelect =
    "SELECT id, tenant_id, period, status, reference, estimated_micros, "
    "actual_micros, created_at, expires_at, closed_at FROM budget_ledger ";

LedgerStatus parse_status(const std::string& s) {
  if (s == "RESERVED") return LedgerStatus::kReserved;
  if (s == "SETTLED") return LedgerStatus::kSettled;
  if (s == "RELEASED") return LedgerStatus::kReleased;
  throw StorageError("storage.corrupt", "unknown ledger status '" + s + "'");
}

std::vector<LedgerEntry> read(const Poco::Data::RecordSet& rs) {
  std::vector<LedgerEntry> out;
  for (std::size_t i = 0; i < rs.rowCount(); ++i) {
    RowReader r(rs, i);
    out.push_back({r.i64("id"), r.text("tenant_id"), r.text("period"),
                   parse_status(r.text("status")), r.text("reference"),
                   r.i64("estimated_micros"), r.opt_i64("actual_micros"),
                   r.i64("created_at"), r.i64("expires_at"),
                   r.opt_i64("closed_at")});
  }
  return out;
}

}  // namespace

const char* ledger_status_name(LedgerStatus status) {
  switch (status) {
    case LedgerStatus::kReserved:
      return "RESERVED";
    case LedgerStatus::kSettled:
      return "SETTLED";
    case LedgerStatus::kReleased:
      return "RELEASED";
  }
  return "RESERVED";
}

int64_t BudgetLedgerRepository::open(const std::string& tenant_id,
                                     const std::string& period,
                                     int64_t estimated_micros,
                                     const std::string& reference,
                                     int64_t expires_at, int64_t now_ms) {
  return guarded("recording reservation", [&] {
    int64_t id = 0;
    session() << q(
        "INSERT INTO budget_ledger (tenant_id, period, status, "
        "reference, estimated_micros, created_at, expires_at) "
        "VALUES (?, ?, 'RESERVED', ?, ?, ?, ?) RETURNING id"),
        bind(tenant_id), bind(period), bind(reference), bind(estimated_micros),
        bind(now_ms), bind(expires_at), into(id), now;
    return id;
  });
}

std::optional<LedgerEntry> BudgetLedgerRepository::find(
    const std::string& tenant_id, int64_t id) {
  return guarded("reading reservation", [&]() -> std::optional<LedgerEntry> {
    Poco::Data::Statement st(session());
    st << q(std::string(kSelect) + "WHERE tenant_id = ? AND id = ?"),
        bind(tenant_id), bind(id), now;
    auto rows = read(Poco::Data::RecordSet(st));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

std::vector<LedgerEntry> BudgetLedgerRepository::list(
    const std::string& tenant_id, const std::string& period) {
  return guarded("listing reservations", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string(kSelect) +
            "WHERE tenant_id = ? AND period = ? ORDER BY id"),
        bind(tenant_id), bind(period), now;
    return read(Poco::Data::RecordSet(st));
  });
}

bool BudgetLedgerRepository::close_settled(const std::string& tenant_id,
                                           int64_t id, int64_t actual_micros,
                                           int64_t now_ms) {
  return guarded("settling reservation", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE budget_ledger SET status = 'SETTLED', actual_micros = ?, "
        "closed_at = ? WHERE tenant_id = ? AND id = ? AND status = "
        "'RESERVED'"),
        bind(actual_micros), bind(now_ms), bind(tenant_id), bind(id);
    return st.execute() > 0;
  });
}

bool BudgetLedgerRepository::close_released(const std::string& tenant_id,
                                            int64_t id, int64_t now_ms) {
  return guarded("releasing reservation", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE budget_ledger SET status = 'RELEASED', closed_at = ? "
        "WHERE tenant_id = ? AND id = ? AND status = 'RESERVED'"),
        bind(now_ms), bind(tenant_id), bind(id);
    return st.execute() > 0;
  });
}

bool BudgetLedgerRepository::extend(const std::string& tenant_id, int64_t id,
                                    int64_t expires_at) {
  return guarded("renewing reservation", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE budget_ledger SET expires_at = ? WHERE tenant_id = ? AND "
        "id = ? AND status = 'RESERVED'"),
        bind(expires_at), bind(tenant_id), bind(id);
    return st.execute() > 0;
  });
}

std::vector<LedgerEntry> BudgetLedgerRepository::expired(int64_t now_ms,
                                                         int limit) {
  return guarded("listing expired reservations", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string(kSelect) +
            "WHERE status = 'RESERVED' AND expires_at < ? ORDER BY id LIMIT "
            "?"),
        bind(now_ms), bind(limit), now;
    return read(Poco::Data::RecordSet(st));
  });
}

LedgerTotals BudgetLedgerRepository::totals(const std::string& tenant_id,
                                            const std::string& period) {
  return guarded("totalling reservations", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "SELECT "
        "COALESCE(SUM(CASE WHEN status = 'RESERVED' THEN "
        "estimated_micros ELSE 0 END), 0) AS open_reserved, "
        "COALESCE(SUM(CASE WHEN status = 'SETTLED' THEN actual_micros "
        "ELSE 0 END), 0) AS settled, "
        "COALESCE(SUM(CASE WHEN status = 'RESERVED' THEN 1 ELSE 0 END), "
        "0) AS reserved_count, "
        "COALESCE(SUM(CASE WHEN status = 'SETTLED' THEN 1 ELSE 0 END), 0) "
        "AS settled_count, "
        "COALESCE(SUM(CASE WHEN status = 'RELEASED' THEN 1 ELSE 0 END), "
        "0) AS released_count "
        "FROM budget_ledger WHERE tenant_id = ? AND period = ?"),
        bind(tenant_id), bind(period), now;
    Poco::Data::RecordSet rs(st);
    RowReader r(rs, 0);
    return LedgerTotals{r.i64("open_reserved"), r.i64("settled"),
                        r.i64("reserved_count"), r.i64("settled_count"),
                        r.i64("released_count")};
  });
}

}  // namespace aihost::storage
