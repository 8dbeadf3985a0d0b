// Usage reports as the API shows them, to tenants (their own) and to the
// operator (across tenants): the same query parameters and the same shape.
//
//   ?from=&to=        RFC 3339 times or YYYY-MM-DD dates; default: this
//                     month so far (UTC)
//   ?group_by=a,b     any of provider, model, operation, day (and tenant,
//                     for the operator)
//
// Costs are decimal strings with six places; unpriced calls are counted
// apart and never read as free.
#pragma once

#include "api/exchange.hpp"
#include "storage/database.hpp"
#include "storage/usage_report_repository.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace aihost::api {

// Reads from/to/group_by; throws ApiError 400 naming the parameter.
// `allow_tenant` admits "tenant" in group_by.
storage::UsageReportQuery usage_query(const Exchange& ex, bool allow_tenant,
                                      const std::string& default_group_by);

nlohmann::json usage_report(storage::Database& db,
                            const storage::UsageReportQuery& query);

}  // namespace aihost::api
