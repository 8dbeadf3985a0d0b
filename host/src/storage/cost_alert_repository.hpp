// cost_alerts: thresholds of the monthly budget a tenant has crossed. The
// unique (tenant, period, threshold) key makes recording idempotent, so an
// alert fires once however many processes notice the crossing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct CostAlert {
  int64_t id = 0;
  std::string tenant_id;
  std::string period;
  int threshold_percent = 0;
  int64_t spent_micros = 0;
  int64_t budget_micros = 0;
  int64_t created_at_ms = 0;
};

class CostAlertRepository : RepositoryBase {
 public:
  explicit CostAlertRepository(Connection& c) : RepositoryBase(c) {}

  // True when this call recorded the alert, false when it already was.
  bool record(const std::string& tenant_id, const std::string& period,
              int threshold_percent, int64_t spent_micros,
              int64_t budget_micros, int64_t now);
  // All of the tenant's alerts, or one period's.
  std::vector<CostAlert> list(const std::string& tenant_id,
                              const std::optional<std::string>& period);
};

}  // namespace aihost::storage
