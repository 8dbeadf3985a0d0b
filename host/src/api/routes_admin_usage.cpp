// GET /admin/v1/usage: spend and quantities across tenants over a window,
// grouped as the operator asks. Costs are strings with six decimals, as in
// `aihost usage`; unpriced calls are counted apart and never read as free.
#include "api/routes.hpp"
#include "api/routes_admin_support.hpp"
#include "governance/billing_period.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/usage_report_repository.hpp"

#include <cstdio>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace aihost::api {
namespace {

using nlohmann::json;

std::string money(double usd) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(6) << usd;
  return s.str();
}

// "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ", as epoch ms.
std::optional<int64_t> parse_utc(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int used = 0;
  if (text.size() == 10) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 ||
        used != 10)
      return std::nullopt;
  } else if (text.size() == 20) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h,
                    &mi, &s, &used) != 6 ||
        used != 20)
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
      mi > 59 || s > 59)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  const std::time_t t = timegm(&tm);
  // timegm normalises 2026-02-31 to March: refuse dates that moved.
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != d || back.tm_mon != mo - 1) return std::nullopt;
  return static_cast<int64_t>(t) * 1000;
}

std::string iso(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::vector<storage::UsageDimension> parse_group_by(const std::string& text) {
  std::vector<storage::UsageDimension> out;
  if (text.empty()) return out;
  std::stringstream s(text);
  for (std::string item; std::getline(s, item, ',');) {
    auto d = storage::usage_dimension(item);
    if (!d)
      admin::invalid("group_by", "'" + item +
                                     "' is not one of tenant, provider, "
                                     "model, operation, day");
    if (std::find(out.begin(), out.end(), *d) != out.end())
      admin::invalid("group_by", "'" + item + "' is named twice");
    out.push_back(*d);
  }
  return out;
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

void usage(AppContext& app, Exchange& ex) {
  storage::UsageReportQuery query;
  const auto month =
      governance::bounds_of(governance::period_of(storage::now_ms()));
  query.from_ms = month.from_ms;
  query.to_ms = month.to_ms;
  if (auto v = ex.query("from")) {
    auto t = parse_utc(*v);
    if (!t)
      admin::invalid("from", "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    query.from_ms = *t;
  }
  if (auto v = ex.query("to")) {
    auto t = parse_utc(*v);
    if (!t) admin::invalid("to", "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    query.to_ms = *t;
  }
  if (query.to_ms <= query.from_ms) admin::invalid("to", "must be after from");
  query.group_by = parse_group_by(
      ex.query("group_by").value_or("tenant,provider,model,operation"));
  auto conn = require(app.database, "the store").connect();
  if (auto v = ex.query("tenant_id")) {
    admin::require_tenant(conn, *v);
    query.tenant_id = *v;
  }
  auto rows = storage::UsageReportRepository(conn).report(query);

  json group_by = json::array();
  for (auto d : query.group_by)
    group_by.push_back(storage::usage_dimension_name(d));
  storage::UsageReportRow total;
  json out_rows = json::array();
  for (const auto& r : rows) {
    json row = quantities(r);
    for (size_t i = 0; i < query.group_by.size(); ++i)
      row[storage::usage_dimension_name(query.group_by[i])] = r.keys[i];
    out_rows.push_back(std::move(row));
    total.calls += r.calls;
    total.failed_calls += r.failed_calls;
    total.unpriced_calls += r.unpriced_calls;
    total.cost_usd += r.cost_usd;
    total.input_tokens += r.input_tokens;
    total.output_tokens += r.output_tokens;
    total.audio_seconds += r.audio_seconds;
    total.characters += r.characters;
  }
  ex.send_json(
      200, {{"from", iso(query.from_ms)},
            {"to", iso(query.to_ms)},
            {"tenant_id", query.tenant_id ? json(*query.tenant_id) : json()},
            {"group_by", group_by},
            {"rows", out_rows},
            {"total", quantities(total)}});
}

}  // namespace

void add_admin_usage_routes(Router& router, AppContext& app) {
  router.add("GET", "/admin/v1/usage", Access::kAdmin,
             [&app](Exchange& ex) { usage(app, ex); });
}

}  // namespace aihost::api
