#include "jobs/job_run.hpp"

#include "storage/job_input_repository.hpp"
#include "storage/job_step_repository.hpp"
#include "storage/job_webhook_repository.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/transaction.hpp"
#include "storage/usage_log_repository.hpp"

namespace aihost::jobs {
namespace {

void insert_usage(storage::Connection& c,
                  const std::vector<storage::UsageLog>& usage) {
  storage::UsageLogRepository logs(c);
  for (const auto& u : usage) logs.insert(u);
}

}  // namespace

JobRun::JobRun(storage::Database& db, storage::Job job, std::string worker)
    : db_(db), job_(std::move(job)), worker_(std::move(worker)) {}

void JobRun::load() {
  try {
    input_ =
        nlohmann::json::parse(job_.input_json.empty() ? "{}" : job_.input_json);
  } catch (const nlohmann::json::exception&) {
    throw JobFailure("invalid_request", "the job's input is not JSON", false);
  }
  storage::Connection c = db_.connect();
  if (auto in = storage::JobInputRepository(c).find(job_.tenant_id, job_.id))
    blob_ = std::move(in->data);
  for (const auto& step :
       storage::JobStepRepository(c).list(job_.tenant_id, job_.id))
    checkpoints_[step.step] = nlohmann::json::parse(step.output_json);
}

void JobRun::add(storage::UsageLog usage) {
  if (!usage.tenant_id.empty() && usage.tenant_id != job_.tenant_id)
    throw std::invalid_argument("usage of another tenant offered to a job");
  usage.tenant_id = job_.tenant_id;
  usage.job_id = job_.id;
  if (usage.created_at_ms == 0) usage.created_at_ms = storage::now_ms();
  std::lock_guard lock(usage_mu_);
  usage_.push_back(std::move(usage));
}

std::vector<storage::UsageLog> JobRun::take_usage() {
  std::lock_guard lock(usage_mu_);
  return std::move(usage_);
}

void JobRun::checkpoint(const std::string& step, const nlohmann::json& output,
                        int progress) {
  if (step.empty())
    throw JobFailure("internal_error", "a checkpoint needs a step name", false);
  if (checkpoints_.count(step))
    throw JobFailure("internal_error",
                     "step '" + step + "' was already checkpointed", false);
  std::vector<storage::UsageLog> usage = take_usage();
  bool held = false;
  {
    storage::Connection c = db_.connect();
    storage::Transaction tx(c);
    const int64_t now = storage::now_ms();
    // The progress update comes first: it is the lease fence, and on
    // PostgreSQL it locks the row against a concurrent reclaim until commit.
    held = storage::JobRepository(c).report_progress(
        job_.tenant_id, job_.id, worker_, progress, step, now);
    if (held) {
      storage::JobStepRepository(c).insert(job_.tenant_id, job_.id, step,
                                           output.dump(), now);
      insert_usage(c, usage);
      tx.commit();
    }
  }
  if (!held) {
    stop(StopReason::kLeaseLost);
    throw JobFailure(
        "job.lease_lost",
        "another worker owns the job now; step '" + step + "' was not recorded",
        false);
  }
  checkpoints_[step] = output;
  job_.progress = progress;
  job_.current_step = step;
}

void JobRun::progress(const std::string& step, int progress) {
  storage::Connection c = db_.connect();
  // A refused update means the lease is gone; the handler sees cancelled().
  if (!storage::JobRepository(c).report_progress(
          job_.tenant_id, job_.id, worker_, progress, step, storage::now_ms()))
    stop(StopReason::kLeaseLost);
}

void JobRun::stop(StopReason why) {
  StopReason none = StopReason::kNone;
  stop_reason_.compare_exchange_strong(none, why);
  stop_flag_.store(true);
}

StopReason JobRun::stop_reason() const { return stop_reason_.load(); }

bool JobRun::complete(const nlohmann::json& result) {
  std::vector<storage::UsageLog> usage = take_usage();
  storage::Connection c = db_.connect();
  storage::Transaction tx(c);
  const int64_t now = storage::now_ms();
  if (!storage::JobRepository(c).complete(job_.tenant_id, job_.id, worker_,
                                          result.dump(), now))
    return false;
  insert_usage(c, usage);
  storage::JobStepRepository(c).remove_all(job_.tenant_id, job_.id);
  storage::JobWebhookRepository(c).schedule(job_.tenant_id, job_.id, now);
  tx.commit();
  return true;
}

bool JobRun::fail(const std::string& code, const std::string& message,
                  bool retryable) {
  std::vector<storage::UsageLog> usage = take_usage();
  storage::Connection c = db_.connect();
  storage::Transaction tx(c);
  const int64_t now = storage::now_ms();
  if (!storage::JobRepository(c).fail(job_.tenant_id, job_.id, worker_, code,
                                      message, retryable, now))
    return false;
  insert_usage(c, usage);
  // A job that went back to the queue keeps its checkpoints to resume from.
  if (auto after = storage::JobRepository(c).find(job_.tenant_id, job_.id);
      after && after->status == storage::JobStatus::kFailed)
    storage::JobStepRepository(c).remove_all(job_.tenant_id, job_.id);
  // Only schedules when the job ended (not when it went back to the queue).
  storage::JobWebhookRepository(c).schedule(job_.tenant_id, job_.id, now);
  tx.commit();
  return true;
}

bool JobRun::release() {
  std::vector<storage::UsageLog> usage = take_usage();
  storage::Connection c = db_.connect();
  storage::Transaction tx(c);
  if (!storage::JobRepository(c).release(job_.tenant_id, job_.id, worker_,
                                         storage::now_ms()))
    return false;
  insert_usage(c, usage);
  tx.commit();
  return true;
}

void JobRun::record_cancelled_usage() {
  std::vector<storage::UsageLog> usage = take_usage();
  if (usage.empty()) return;
  storage::Connection c = db_.connect();
  storage::Transaction tx(c);
  auto now = storage::JobRepository(c).find(job_.tenant_id, job_.id);
  // attempts unchanged since our claim: no other worker ran the job after
  // us, so nobody else can record these calls.
  if (!now || now->status != storage::JobStatus::kCancelled ||
      now->attempts != job_.attempts)
    return;
  insert_usage(c, usage);
  tx.commit();
}

}  // namespace aihost::jobs
