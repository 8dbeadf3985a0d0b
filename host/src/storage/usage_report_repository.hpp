// Usage across tenants for the operator: ai_usage_logs grouped by any of
// tenant, provider, model, operation and UTC day over a time window. This is
// the one usage read not scoped to a tenant (an optional filter narrows it);
// only the admin API and operator tools use it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

enum class UsageDimension { kTenant, kProvider, kModel, kOperation, kDay };

// "tenant", "provider", "model", "operation", "day"; none for anything else.
std::optional<UsageDimension> usage_dimension(std::string_view name);
const char* usage_dimension_name(UsageDimension d);

struct UsageReportRow {
  // One value per requested dimension, in request order; days as
  // "YYYY-MM-DD".
  std::vector<std::string> keys;
  int64_t calls = 0;
  int64_t failed_calls = 0;
  int64_t unpriced_calls = 0;
  double cost_usd = 0;  // priced calls only
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double audio_seconds = 0;
  int64_t characters = 0;
};

struct UsageReportQuery {
  int64_t from_ms = 0;  // inclusive
  int64_t to_ms = 0;    // exclusive
  std::optional<std::string> tenant_id;
  std::vector<UsageDimension> group_by;  // empty: one total row
};

class UsageReportRepository : RepositoryBase {
 public:
  explicit UsageReportRepository(Connection& c) : RepositoryBase(c) {}

  // Rows ordered by their keys. With no grouping there is exactly one row,
  // zero-valued when nothing matched.
  std::vector<UsageReportRow> report(const UsageReportQuery& query);
};

}  // namespace aihost::storage
