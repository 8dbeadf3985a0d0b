#include "storage/cost_alert_repository.hpp"

namespace aihost::storage {

using namespace Poco::Data::Keywords;

bool CostAlertRepository::record(const std::string& tenant_id,
                                 const std::string& period,
                                 int threshold_percent, int64_t spent_micros,
                                 int64_t budget_micros, int64_t now_ms) {
  return guarded("recording cost alert", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "INSERT INTO cost_alerts (tenant_id, period, threshold_percent, "
        "spent_micros, budget_micros, created_at) VALUES (?, ?, ?, ?, ?, "
        "?) ON CONFLICT (tenant_id, period, threshold_percent) DO "
        "NOTHING"),
        bind(tenant_id), bind(period), bind(threshold_percent),
        bind(spent_micros), bind(budget_micros), bind(now_ms);
    return st.execute() > 0;
  });
}

std::vector<CostAlert> CostAlertRepository::list(
    const std::string& tenant_id, const std::optional<std::string>& period) {
  return guarded("listing cost alerts", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("SELECT id, tenant_id, period, threshold_percent, "
                        "spent_micros, budget_micros, created_at FROM "
                        "cost_alerts WHERE tenant_id = ? ") +
            (period ? "AND period = ? " : "") +
            "ORDER BY period, threshold_percent"),
        bind(tenant_id);
    if (period) st, bind(*period);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<CostAlert> out;
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
      RowReader r(rs, i);
      out.push_back({r.i64("id"), r.text("tenant_id"), r.text("period"),
                     static_cast<int>(r.i64("threshold_percent")),
                     r.i64("spent_micros"), r.i64("budget_micros"),
                     r.i64("created_at")});
    }
    return out;
  });
}

}  // namespace aihost::storage
