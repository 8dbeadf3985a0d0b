#include "storage/usage_report_repository.hpp"

#include <ctime>

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

constexpr int64_t kDayMs = 86'400'000;

// Column expressions come from this fixed table only, never from input.
const char* column_of(UsageDimension d) {
  switch (d) {
    case UsageDimension::kTenant:
      return "tenant_id";
    case UsageDimension::kProvider:
      return "provider";
    case UsageDimension::kModel:
      return "model";
    case UsageDimension::kOperation:
      return "operation";
    case UsageDimension::kDay:
      return "(created_at / 86400000)";
  }
  return "provider";
}

std::string day_text(int64_t day_index) {
  const std::time_t secs = static_cast<std::time_t>(day_index * kDayMs / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

}  // namespace

std::optional<UsageDimension> usage_dimension(std::string_view name) {
  for (auto d : {UsageDimension::kTenant, UsageDimension::kProvider,
                 UsageDimension::kModel, UsageDimension::kOperation,
                 UsageDimension::kDay})
    if (name == usage_dimension_name(d)) return d;
  return std::nullopt;
}

const char* usage_dimension_name(UsageDimension d) {
  switch (d) {
    case UsageDimension::kTenant:
      return "tenant";
    case UsageDimension::kProvider:
      return "provider";
    case UsageDimension::kModel:
      return "model";
    case UsageDimension::kOperation:
      return "operation";
    case UsageDimension::kDay:
      return "day";
  }
  return "provider";
}

std::vector<UsageReportRow> UsageReportRepository::report(
    const UsageReportQuery& query) {
  std::string keys;
  for (size_t i = 0; i < query.group_by.size(); ++i)
    keys += std::string(i ? ", " : "") + column_of(query.group_by[i]) +
            " AS k" + std::to_string(i);
  std::string grouping;
  for (size_t i = 0; i < query.group_by.size(); ++i)
    grouping += std::string(i ? ", " : "") + column_of(query.group_by[i]);
  std::string text =
      "SELECT " + keys + (keys.empty() ? "" : ", ") +
      "COUNT(*) AS calls, "
      "COALESCE(SUM(CASE WHEN success = ? THEN 0 ELSE 1 END), 0) AS "
      "failed_calls, "
      "COALESCE(SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END), 0) AS "
      "unpriced_calls, "
      "COALESCE(SUM(cost_usd), 0) AS cost_usd, "
      "CAST(COALESCE(SUM(input_tokens), 0) AS BIGINT) AS input_tokens, "
      "CAST(COALESCE(SUM(output_tokens), 0) AS BIGINT) AS output_tokens, "
      "COALESCE(SUM(audio_seconds), 0) AS audio_seconds, "
      "CAST(COALESCE(SUM(characters), 0) AS BIGINT) AS characters "
      "FROM ai_usage_logs WHERE created_at >= ? AND created_at < ?";
  if (query.tenant_id) text += " AND tenant_id = ?";
  if (!grouping.empty())
    text += " GROUP BY " + grouping + " ORDER BY " + grouping;
  return guarded("reporting usage", [&] {
    Poco::Data::Statement st(session());
    st << q(text), bind(true), bind(query.from_ms), bind(query.to_ms);
    if (query.tenant_id) st, bind(*query.tenant_id);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<UsageReportRow> out;
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
      RowReader r(rs, i);
      UsageReportRow row;
      for (size_t k = 0; k < query.group_by.size(); ++k) {
        std::string col = "k";  // not "k" + ...: a GCC 12 false warning
        col += std::to_string(k);
        row.keys.push_back(query.group_by[k] == UsageDimension::kDay
                               ? day_text(r.i64(col))
                               : r.text(col));
      }
      row.calls = r.i64("calls");
      row.failed_calls = r.i64("failed_calls");
      row.unpriced_calls = r.i64("unpriced_calls");
      row.cost_usd = r.real("cost_usd");
      row.input_tokens = r.i64("input_tokens");
      row.output_tokens = r.i64("output_tokens");
      row.audio_seconds = r.real("audio_seconds");
      row.characters = r.i64("characters");
      out.push_back(std::move(row));
    }
    return out;
  });
}

}  // namespace aihost::storage
