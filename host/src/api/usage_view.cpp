#include "api/usage_view.hpp"

#include "api/api_error.hpp"
#include "api/job_view.hpp"
#include "governance/billing_period.hpp"
#include "storage/sql_dialect.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace aihost::api {
namespace {

using json = nlohmann::json;

std::string money(double usd) {
  char text[48];
  std::snprintf(text, sizeof text, "%.6f", usd);
  return text;
}

json quantities(const storage::UsageReportRow& r) {
  return {{"calls", r.calls},
          {"failed_calls", r.failed_calls},
          {"unpriced_calls", r.unpriced_calls},
          {"cost_usd", money(r.cost_usd)},
          {"input_tokens", r.input_tokens},
          {"output_tokens", r.output_tokens},
          {"audio_seconds", r.audio_seconds},
          {"characters", r.characters}};
}

}  // namespace

storage::UsageReportQuery usage_query(const Exchange& ex, bool allow_tenant,
                                      const std::string& default_group_by) {
  storage::UsageReportQuery query;
  const auto month =
      governance::bounds_of(governance::period_of(storage::now_ms()));
  query.from_ms = month.from_ms;
  query.to_ms = month.to_ms;
  if (auto v = ex.query("from")) query.from_ms = parse_time(*v, "from");
  if (auto v = ex.query("to")) query.to_ms = parse_time(*v, "to");
  if (query.to_ms <= query.from_ms)
    throw ApiError(400, "invalid_request", "'to' must be after 'from'");
  std::stringstream s(ex.query("group_by").value_or(default_group_by));
  for (std::string item; std::getline(s, item, ',');) {
    if (item.empty()) continue;
    auto d = storage::usage_dimension(item);
    if (!d || (*d == storage::UsageDimension::kTenant && !allow_tenant))
      throw ApiError(400, "invalid_request",
                     "'group_by': '" + item + "' is not one of " +
                         (allow_tenant ? "tenant, " : "") +
                         "provider, model, operation, day");
    if (std::find(query.group_by.begin(), query.group_by.end(), *d) !=
        query.group_by.end())
      throw ApiError(400, "invalid_request",
                     "'group_by': '" + item + "' is named twice");
    query.group_by.push_back(*d);
  }
  return query;
}

json usage_report(storage::Database& db,
                  const storage::UsageReportQuery& query) {
  auto conn = db.connect();
  auto rows = storage::UsageReportRepository(conn).report(query);
  json group_by = json::array();
  for (auto d : query.group_by)
    group_by.push_back(storage::usage_dimension_name(d));
  storage::UsageReportRow total;
  json out = json::array();
  for (const auto& r : rows) {
    json row = quantities(r);
    for (size_t i = 0; i < query.group_by.size(); ++i)
      row[storage::usage_dimension_name(query.group_by[i])] = r.keys[i];
    out.push_back(std::move(row));
    total.calls += r.calls;
    total.failed_calls += r.failed_calls;
    total.unpriced_calls += r.unpriced_calls;
    total.cost_usd += r.cost_usd;
    total.input_tokens += r.input_tokens;
    total.output_tokens += r.output_tokens;
    total.audio_seconds += r.audio_seconds;
    total.characters += r.characters;
  }
  return {{"from", utc_seconds(query.from_ms)},
          {"to", utc_seconds(query.to_ms)},
          {"tenant_id", query.tenant_id ? json(*query.tenant_id) : json()},
          {"group_by", group_by},
          {"rows", out},
          {"total", quantities(total)}};
}

}  // namespace aihost::api
