// Tenants with budgets for the governance tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/tenant_feature_repository.hpp"
#include "storage/tenant_repository.hpp"

namespace aihost::testing {

// 2026-11-10T12:00:00Z: a fixed clock for deterministic periods.
inline constexpr int64_t kNov10 = 1'794'312'000'000;

inline void add_tenant(storage::Database& db, const std::string& id,
                       std::optional<int64_t> budget_micros,
                       std::vector<int> thresholds = {50, 80, 100},
                       bool alerts = true) {
  storage::Connection c = db.connect();
  storage::TenantRepository(c).create(id, id, 1);
  storage::TenantFeatures f;
  f.tenant_id = id;
  f.monthly_budget_micros = budget_micros;
  f.cost_alert_thresholds = std::move(thresholds);
  f.cost_alerts_enabled = alerts;
  storage::TenantFeatureRepository(c).upsert(f, 1);
}

}  // namespace aihost::testing
