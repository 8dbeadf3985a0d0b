#include "storage/usage_log_repository.hpp"

#include <algorithm>

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kSelect =
    "SELECT id, tenant_id, job_id, request_id, provider, model, operation, "
    "attempt, input_tokens, output_tokens, cached_tokens, audio_seconds, "
    "characters, cost_usd, cost_method, duration_ms, success, error_code, "
    "error_message, CAST(metadata AS TEXT) AS metadata, created_at FROM "
    "ai_usage_logs ";

std::vector<UsageLog> read(const Poco::Data::RecordSet& rs) {
  std::vector<UsageLog> out;
  for (std::size_t i = 0; i < rs.rowCount(); ++i) {
    RowReader r(rs, i);
    UsageLog u;
    u.id = r.i64("id");
    u.tenant_id = r.text("tenant_id");
    u.job_id = r.opt_text("job_id");
    u.request_id = r.text("request_id");
    u.provider = r.text("provider");
    u.model = r.text("model");
    u.operation = r.text("operation");
    u.attempt = static_cast<int>(r.i64("attempt"));
    u.input_tokens = r.i64("input_tokens");
    u.output_tokens = r.i64("output_tokens");
    u.cached_tokens = r.i64("cached_tokens");
    u.audio_seconds = r.real("audio_seconds");
    u.characters = r.i64("characters");
    u.cost_usd = r.opt_real("cost_usd");
    u.cost_method = r.text("cost_method");
    u.duration_ms = r.i64("duration_ms");
    u.success = r.boolean("success");
    u.error_code = r.opt_text("error_code");
    u.error_message = r.opt_text("error_message");
    u.metadata_json = r.text("metadata");
    u.created_at_ms = r.i64("created_at");
    out.push_back(std::move(u));
  }
  return out;
}

constexpr const char* kInsertColumns =
    "INSERT INTO ai_usage_logs (tenant_id, job_id, request_id, provider, "
    "model, operation, attempt, input_tokens, output_tokens, cached_tokens, "
    "audio_seconds, characters, cost_usd, cost_method, duration_ms, success, "
    "error_code, error_message, metadata, created_at) VALUES ";
constexpr const char* kInsertRow =
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?json, ?)";

void check_row(const UsageLog& u) {
  if (u.tenant_id.empty() || u.provider.empty() || u.operation.empty())
    throw StorageError("storage.invalid",
                       "a usage row needs tenant, provider and operation");
  if (u.cost_method.empty())
    throw StorageError("storage.invalid", "a usage row needs a cost method");
}

// Binds one row's values, in kInsertRow's order, by copy: the statement
// may outlive the caller's loop variable.
void bind_row(Poco::Data::Statement& st, const UsageLog& u) {
  st, bind(u.tenant_id), bind(nullable(u.job_id)), bind(u.request_id),
      bind(u.provider), bind(u.model), bind(u.operation), bind(u.attempt),
      bind(u.input_tokens), bind(u.output_tokens), bind(u.cached_tokens),
      bind(u.audio_seconds), bind(u.characters), bind(nullable(u.cost_usd)),
      bind(u.cost_method), bind(u.duration_ms), bind(u.success),
      bind(nullable(u.error_code)), bind(nullable(u.error_message)),
      bind(u.metadata_json.empty() ? std::string("{}") : u.metadata_json),
      bind(u.created_at_ms);
}

}  // namespace

int64_t UsageLogRepository::insert(const UsageLog& u) {
  check_row(u);
  return guarded("recording usage", [&] {
    int64_t id = 0;
    Poco::Data::Statement st(session());
    st << q(std::string(kInsertColumns) + kInsertRow + " RETURNING id");
    bind_row(st, u);
    st, into(id);
    st.execute();
    return id;
  });
}

void UsageLogRepository::insert_many(const std::vector<UsageLog>& logs) {
  for (const auto& u : logs) check_row(u);
  guarded("recording usage", [&] {
    for (size_t first = 0; first < logs.size(); first += kRowsPerStatement) {
      const size_t count = std::min(kRowsPerStatement, logs.size() - first);
      std::string text = kInsertColumns;
      for (size_t i = 0; i < count; ++i) {
        if (i > 0) text += ", ";
        text += kInsertRow;
      }
      Poco::Data::Statement st(session());
      st << q(text);
      for (size_t i = 0; i < count; ++i) bind_row(st, logs[first + i]);
      st.execute();
    }
  });
}

std::vector<UsageLog> UsageLogRepository::list(const std::string& tenant_id,
                                               int64_t from_ms, int64_t to_ms) {
  return guarded("listing usage", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string(kSelect) +
            "WHERE tenant_id = ? AND created_at >= ? AND created_at < ? "
            "ORDER BY created_at, id"),
        bind(tenant_id), bind(from_ms), bind(to_ms), now;
    return read(Poco::Data::RecordSet(st));
  });
}

std::vector<UsageLog> UsageLogRepository::list_for_job(
    const std::string& tenant_id, const std::string& job_id) {
  return guarded("listing job usage", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string(kSelect) +
            "WHERE tenant_id = ? AND job_id = ? ORDER BY id"),
        bind(tenant_id), bind(job_id), now;
    return read(Poco::Data::RecordSet(st));
  });
}

std::vector<UsageSummary> UsageLogRepository::summarize(
    const std::string& tenant_id, int64_t from_ms, int64_t to_ms) {
  return guarded("summarising usage", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "SELECT provider, model, operation, COUNT(*) AS calls, "
        "SUM(CASE WHEN success = ? THEN 0 ELSE 1 END) AS failed_calls, "
        "SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS "
        "unpriced_calls, COALESCE(SUM(cost_usd), 0) AS cost_usd FROM "
        "ai_usage_logs WHERE tenant_id = ? AND created_at >= ? AND "
        "created_at < ? GROUP BY provider, model, operation ORDER BY "
        "provider, model, operation"),
        bind(true), bind(tenant_id), bind(from_ms), bind(to_ms), now;
    Poco::Data::RecordSet rs(st);
    std::vector<UsageSummary> out;
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
      RowReader r(rs, i);
      out.push_back({r.text("provider"), r.text("model"), r.text("operation"),
                     r.i64("calls"), r.i64("failed_calls"),
                     r.i64("unpriced_calls"), r.real("cost_usd")});
    }
    return out;
  });
}

}  // namespace aihost::storage
