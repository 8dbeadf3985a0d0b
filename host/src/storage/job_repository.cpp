#include "storage/job_repository.hpp"
#include "storage/job_rows.hpp"

#include <Poco/UUIDGenerator.h>

namespace aihost::storage {
namespace {
using namespace Poco::Data::Keywords;
}  // namespace

const char* const kJobColumns =
    " id, tenant_id, job_type, status, CAST(input AS TEXT) AS input_json, "
    "CAST(result AS TEXT) AS result_json, error_code, error_message, "
    "progress, current_step, attempts, max_attempts, lease_owner, "
    "lease_expires_at, created_at, updated_at, started_at, completed_at, "
    "request_id, webhook_url, webhook_state, webhook_attempts, "
    "webhook_status ";

std::vector<Job> read_jobs(const Poco::Data::RecordSet& rs) {
  std::vector<Job> out;
  for (std::size_t i = 0; i < rs.rowCount(); ++i) {
    RowReader r(rs, i);
    Job j;
    j.id = r.text("id");
    j.tenant_id = r.text("tenant_id");
    j.job_type = r.text("job_type");
    j.status = parse_job_status(r.text("status"));
    j.input_json = r.text("input_json");
    j.result_json = r.opt_text("result_json");
    j.error_code = r.opt_text("error_code");
    j.error_message = r.opt_text("error_message");
    j.progress = static_cast<int>(r.i64("progress"));
    j.current_step = r.text("current_step");
    j.attempts = static_cast<int>(r.i64("attempts"));
    j.max_attempts = static_cast<int>(r.i64("max_attempts"));
    j.lease_owner = r.opt_text("lease_owner");
    j.lease_expires_at_ms = r.opt_i64("lease_expires_at");
    j.created_at_ms = r.i64("created_at");
    j.updated_at_ms = r.i64("updated_at");
    j.started_at_ms = r.opt_i64("started_at");
    j.completed_at_ms = r.opt_i64("completed_at");
    j.request_id = r.text("request_id");
    j.webhook_url = r.opt_text("webhook_url");
    j.webhook_state = r.opt_text("webhook_state");
    j.webhook_attempts = static_cast<int>(r.i64("webhook_attempts"));
    if (auto status = r.opt_i64("webhook_status"))
      j.webhook_status = static_cast<int>(*status);
    out.push_back(std::move(j));
  }
  return out;
}

namespace {

std::vector<Job> read(const Poco::Data::RecordSet& rs) { return read_jobs(rs); }

// The fence every worker write carries: the job is still PROCESSING under
// this worker's lease.
constexpr const char* kLeaseHeld =
    " WHERE tenant_id = ? AND id = ? AND status = 'PROCESSING' AND "
    "lease_owner = ? ";

}  // namespace

const char* job_status_name(JobStatus status) {
  switch (status) {
    case JobStatus::kPending:
      return "PENDING";
    case JobStatus::kProcessing:
      return "PROCESSING";
    case JobStatus::kCompleted:
      return "COMPLETED";
    case JobStatus::kFailed:
      return "FAILED";
    case JobStatus::kCancelled:
      return "CANCELLED";
  }
  return "PENDING";
}

JobStatus parse_job_status(const std::string& name) {
  for (JobStatus s :
       {JobStatus::kPending, JobStatus::kProcessing, JobStatus::kCompleted,
        JobStatus::kFailed, JobStatus::kCancelled})
    if (name == job_status_name(s)) return s;
  throw StorageError("storage.corrupt", "unknown job status '" + name + "'");
}

std::string JobRepository::enqueue(const NewJob& job, int64_t now_ms,
                                   const NewJobOptions& options) {
  if (job.tenant_id.empty() || job.job_type.empty())
    throw StorageError("storage.invalid", "a job needs a tenant and a type");
  if (job.max_attempts < 1)
    throw StorageError("storage.invalid", "max_attempts must be at least 1");
  std::string id =
      Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  std::string input = job.input_json.empty() ? "{}" : job.input_json;
  guarded("enqueueing job", [&] {
    session() << q(
        "INSERT INTO ai_jobs (id, tenant_id, job_type, status, "
        "input, max_attempts, created_at, updated_at, request_id, "
        "webhook_url) VALUES (?, ?, ?, 'PENDING', ?json, ?, ?, ?, ?, ?)"),
        bind(id), bind(job.tenant_id), bind(job.job_type), bind(input),
        bind(job.max_attempts), bind(now_ms), bind(now_ms),
        bind(options.request_id), bind(nullable(options.webhook_url)), now;
  });
  return id;
}

std::optional<Job> JobRepository::find(const std::string& tenant_id,
                                       const std::string& id) {
  return guarded("reading job", [&]() -> std::optional<Job> {
    Poco::Data::Statement st(session());
    st << q(std::string("SELECT") + kJobColumns +
            "FROM ai_jobs WHERE tenant_id = ? AND id = ?"),
        bind(tenant_id), bind(id), now;
    auto rows = read(Poco::Data::RecordSet(st));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

std::vector<Job> JobRepository::list(const std::string& tenant_id,
                                     std::optional<JobStatus> status,
                                     int limit) {
  return guarded("listing jobs", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("SELECT") + kJobColumns +
            "FROM ai_jobs WHERE tenant_id = ? " +
            (status ? "AND status = ? " : "") +
            "ORDER BY created_at DESC, id LIMIT ?"),
        bind(tenant_id);
    if (status) st, bind(std::string(job_status_name(*status)));
    st, bind(limit);
    st.execute();
    return read(Poco::Data::RecordSet(st));
  });
}

int JobRepository::count_active(const std::string& tenant_id) {
  return guarded("counting jobs", [&] {
    int count = 0;
    session() << q(
        "SELECT COUNT(*) FROM ai_jobs WHERE tenant_id = ? AND "
        "status IN ('PENDING', 'PROCESSING')"),
        bind(tenant_id), into(count), now;
    return count;
  });
}

int JobRepository::count_pending() {
  return guarded("counting queued jobs", [&] {
    int count = 0;
    session() << q("SELECT COUNT(*) FROM ai_jobs WHERE status = 'PENDING'"),
        into(count), now;
    return count;
  });
}

bool JobRepository::cancel(const std::string& tenant_id, const std::string& id,
                           int64_t now_ms) {
  return guarded("cancelling job", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE ai_jobs SET status = 'CANCELLED', lease_owner = NULL, "
        "lease_expires_at = NULL, updated_at = ?, completed_at = ? WHERE "
        "tenant_id = ? AND id = ? AND status IN ('PENDING', "
        "'PROCESSING')"),
        bind(now_ms), bind(now_ms), bind(tenant_id), bind(id);
    return st.execute() > 0;
  });
}

std::optional<Job> JobRepository::claim(const std::string& worker,
                                        int64_t lease_ms, int64_t now_ms) {
  if (worker.empty())
    throw StorageError("storage.invalid", "a claiming worker needs an id");
  const int64_t expires = now_ms + lease_ms;
  // The subquery picks and locks one row; concurrent claimers skip rows
  // already locked instead of queueing behind them. SQLite has no row
  // locks: the statement runs under the database write lock, which makes
  // pick-and-update atomic there.
  const std::string pick =
      "SELECT id FROM ai_jobs WHERE (status = 'PENDING' OR (status = "
      "'PROCESSING' AND lease_expires_at < ? AND attempts < max_attempts)) "
      "ORDER BY created_at, id LIMIT 1" +
      std::string(engine() == Engine::kPostgres ? " FOR UPDATE SKIP LOCKED"
                                                : "");
  return guarded("claiming job", [&]() -> std::optional<Job> {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE ai_jobs SET status = 'PROCESSING', lease_owner = ?, "
        "lease_expires_at = ?, attempts = attempts + 1, started_at = "
        "COALESCE(started_at, ?), updated_at = ? WHERE id = (" +
        pick + ") RETURNING" + kJobColumns),
        bind(worker), bind(expires), bind(now_ms), bind(now_ms), bind(now_ms),
        now;
    auto rows = read(Poco::Data::RecordSet(st));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

bool JobRepository::renew(const std::string& tenant_id, const std::string& id,
                          const std::string& worker, int64_t lease_ms,
                          int64_t now_ms) {
  return guarded("renewing job lease", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("UPDATE ai_jobs SET lease_expires_at = ?, updated_at "
                        "= ?") +
            kLeaseHeld),
        bind(now_ms + lease_ms), bind(now_ms), bind(tenant_id), bind(id),
        bind(worker);
    return st.execute() > 0;
  });
}

bool JobRepository::report_progress(const std::string& tenant_id,
                                    const std::string& id,
                                    const std::string& worker, int progress,
                                    const std::string& step, int64_t now_ms) {
  if (progress < 0 || progress > 100)
    throw StorageError("storage.invalid", "progress must be within 0..100");
  return guarded("updating job progress", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("UPDATE ai_jobs SET progress = ?, current_step = ?, "
                        "updated_at = ?") +
            kLeaseHeld),
        bind(progress), bind(step), bind(now_ms), bind(tenant_id), bind(id),
        bind(worker);
    return st.execute() > 0;
  });
}

bool JobRepository::complete(const std::string& tenant_id,
                             const std::string& id, const std::string& worker,
                             const std::string& result_json, int64_t now_ms) {
  std::string result = result_json.empty() ? "{}" : result_json;
  return guarded("completing job", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("UPDATE ai_jobs SET status = 'COMPLETED', result = "
                        "?json, progress = 100, error_code = NULL, "
                        "error_message = NULL, lease_owner = NULL, "
                        "lease_expires_at = NULL, updated_at = ?, "
                        "completed_at = ?") +
            kLeaseHeld),
        bind(result), bind(now_ms), bind(now_ms), bind(tenant_id), bind(id),
        bind(worker);
    return st.execute() > 0;
  });
}

bool JobRepository::fail(const std::string& tenant_id, const std::string& id,
                         const std::string& worker,
                         const std::string& error_code,
                         const std::string& error_message, bool retryable,
                         int64_t now_ms) {
  int retry = retryable ? 1 : 0;
  return guarded("failing job", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string(
                "UPDATE ai_jobs SET status = CASE WHEN ? = 1 AND attempts < "
                "max_attempts THEN 'PENDING' ELSE 'FAILED' END, "
                "completed_at = CASE WHEN ? = 1 AND attempts < max_attempts "
                "THEN NULL ELSE CAST(? AS BIGINT) END, error_code = ?, "
                "error_message = ?, "
                "lease_owner = NULL, lease_expires_at = NULL, updated_at = ?") +
            kLeaseHeld),
        bind(retry), bind(retry), bind(now_ms), bind(error_code),
        bind(error_message), bind(now_ms), bind(tenant_id), bind(id),
        bind(worker);
    return st.execute() > 0;
  });
}

int JobRepository::fail_exhausted(int64_t now_ms) {
  return guarded("failing jobs out of attempts", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE ai_jobs SET status = 'FAILED', error_code = "
        "'job.lease_expired', error_message = 'the last attempt''s lease "
        "expired before the job finished', lease_owner = NULL, "
        "lease_expires_at = NULL, updated_at = ?, completed_at = ? WHERE "
        "status = 'PROCESSING' AND lease_expires_at < ? AND attempts >= "
        "max_attempts"),
        bind(now_ms), bind(now_ms), bind(now_ms);
    return static_cast<int>(st.execute());
  });
}

std::vector<Job> JobRepository::list_page(
    const std::string& tenant_id, const JobFilter& filter,
    const std::optional<JobListPosition>& after, int limit) {
  if (limit < 1)
    throw StorageError("storage.invalid", "a page holds at least one job");
  std::string where = "WHERE tenant_id = ? ";
  if (filter.status) where += "AND status = ? ";
  if (filter.job_type) where += "AND job_type = ? ";
  if (filter.created_after_ms) where += "AND created_at > ? ";
  if (filter.created_before_ms) where += "AND created_at < ? ";
  if (after) where += "AND (created_at < ? OR (created_at = ? AND id > ?)) ";
  return guarded("listing jobs", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("SELECT") + kJobColumns + "FROM ai_jobs " + where +
            "ORDER BY created_at DESC, id LIMIT ?"),
        bind(tenant_id);
    if (filter.status) st, bind(std::string(job_status_name(*filter.status)));
    if (filter.job_type) st, bind(*filter.job_type);
    if (filter.created_after_ms) st, bind(*filter.created_after_ms);
    if (filter.created_before_ms) st, bind(*filter.created_before_ms);
    if (after)
      st, bind(after->created_at_ms), bind(after->created_at_ms),
          bind(after->id);
    st, bind(limit);
    st.execute();
    return read(Poco::Data::RecordSet(st));
  });
}

namespace {

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

std::optional<ClaimCandidate> JobRepository::pick_claimable(
    const std::vector<std::string>& job_types,
    const std::vector<std::string>& skip_tenants, int default_limit,
    int64_t now_ms) {
  if (job_types.empty()) return std::nullopt;
  std::string text =
      "SELECT j.id, j.tenant_id FROM ai_jobs j WHERE (j.status = 'PENDING' "
      "OR (j.status = 'PROCESSING' AND j.lease_expires_at < ? AND "
      "j.attempts < j.max_attempts)) AND j.job_type IN (" +
      placeholders(job_types.size()) + ") ";
  if (!skip_tenants.empty())
    text +=
        "AND j.tenant_id NOT IN (" + placeholders(skip_tenants.size()) + ") ";
  // A tenant at its limit is passed over here, so its backlog never holds
  // up another tenant's jobs.
  text +=
      "AND (SELECT COUNT(*) FROM ai_jobs p WHERE p.tenant_id = j.tenant_id "
      "AND p.status = 'PROCESSING' AND p.lease_expires_at >= ?) < "
      "COALESCE((SELECT f.max_concurrent_jobs FROM tenant_ai_features f "
      "WHERE f.tenant_id = j.tenant_id), ?) ORDER BY j.created_at, j.id "
      "LIMIT 1";
  if (engine() == Engine::kPostgres) text += " FOR UPDATE OF j SKIP LOCKED";
  return guarded("picking a claimable job",
                 [&]() -> std::optional<ClaimCandidate> {
                   Poco::Data::Statement st(session());
                   st << q(text), bind(now_ms);
                   for (const auto& t : job_types) st, bind(t);
                   for (const auto& t : skip_tenants) st, bind(t);
                   st, bind(now_ms), bind(default_limit);
                   st.execute();
                   Poco::Data::RecordSet rs(st);
                   if (rs.rowCount() == 0) return std::nullopt;
                   RowReader r(rs, 0);
                   return ClaimCandidate{r.text("id"), r.text("tenant_id")};
                 });
}

void JobRepository::lock_tenant_claims(const std::string& tenant_id) {
  // SQLite: the transaction's write lock already serialises every claimer.
  if (engine() != Engine::kPostgres) return;
  guarded("locking tenant claims", [&] {
    // Two-key advisory locks live apart from the migration lock's one key.
    session() << q("SELECT pg_advisory_xact_lock(7302, hashtext(?))"),
        bind(tenant_id), now;
  });
}

int JobRepository::count_processing(const std::string& tenant_id,
                                    int64_t now_ms) {
  return guarded("counting running jobs", [&] {
    int count = 0;
    session() << q(
        "SELECT COUNT(*) FROM ai_jobs WHERE tenant_id = ? AND status = "
        "'PROCESSING' AND lease_expires_at >= ?"),
        bind(tenant_id), bind(now_ms), into(count), now;
    return count;
  });
}

int JobRepository::tenant_job_limit(const std::string& tenant_id,
                                    int default_limit) {
  return guarded("reading the tenant's job limit", [&] {
    std::vector<int> limits;
    session() << q(
        "SELECT max_concurrent_jobs FROM tenant_ai_features WHERE "
        "tenant_id = ?"),
        bind(tenant_id), into(limits), now;
    return limits.empty() ? default_limit : limits.front();
  });
}

std::optional<Job> JobRepository::claim_picked(const std::string& id,
                                               const std::string& worker,
                                               int64_t lease_ms,
                                               int64_t now_ms) {
  if (worker.empty())
    throw StorageError("storage.invalid", "a claiming worker needs an id");
  return guarded("claiming job", [&]() -> std::optional<Job> {
    Poco::Data::Statement st(session());
    st << q(std::string(
                "UPDATE ai_jobs SET status = 'PROCESSING', lease_owner = ?, "
                "lease_expires_at = ?, attempts = attempts + 1, started_at = "
                "COALESCE(started_at, ?), updated_at = ? WHERE id = ? AND "
                "(status = 'PENDING' OR (status = 'PROCESSING' AND "
                "lease_expires_at < ?)) RETURNING") +
            kJobColumns),
        bind(worker), bind(now_ms + lease_ms), bind(now_ms), bind(now_ms),
        bind(id), bind(now_ms), now;
    auto rows = read(Poco::Data::RecordSet(st));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

bool JobRepository::release(const std::string& tenant_id, const std::string& id,
                            const std::string& worker, int64_t now_ms) {
  return guarded("releasing job", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("UPDATE ai_jobs SET status = 'PENDING', attempts = "
                        "CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 "
                        "END, lease_owner = NULL, lease_expires_at = NULL, "
                        "updated_at = ?") +
            kLeaseHeld),
        bind(now_ms), bind(tenant_id), bind(id), bind(worker);
    return st.execute() > 0;
  });
}

}  // namespace aihost::storage
