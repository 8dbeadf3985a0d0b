#include "jobs/job_service.hpp"

#include "storage/job_step_repository.hpp"

#include <algorithm>

#include "jobs/job_cursor.hpp"
#include "jobs/job_error.hpp"
#include "jobs/webhook_url.hpp"
#include "storage/job_input_repository.hpp"
#include "storage/job_webhook_repository.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/transaction.hpp"

namespace aihost::jobs {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxPage = 100;

[[noreturn]] void not_found(const std::string& id) {
  throw JobError("job_not_found", 404, "no job " + id);
}

bool sane_id(const std::string& id) { return !id.empty() && id.size() <= 64; }

}  // namespace

bool is_finished(storage::JobStatus status) {
  return status == storage::JobStatus::kCompleted ||
         status == storage::JobStatus::kFailed ||
         status == storage::JobStatus::kCancelled;
}

JobService::JobService(storage::Database& db, const JobHandlers& handlers,
                       JobServiceOptions options,
                       std::shared_ptr<JobEvents> events)
    : db_(db),
      handlers_(handlers),
      options_(options),
      events_(events ? std::move(events) : std::make_shared<JobEvents>()) {}

storage::Job JobService::create(const NewJobRequest& request) {
  if (request.tenant_id.empty())
    throw JobError("invalid_request", 400, "a job needs a tenant");
  if (!handlers_.has(request.job_type))
    throw JobError("unsupported_job_type", 400,
                   "no job type '" + request.job_type + "'");
  if (!request.input.is_object())
    throw JobError("invalid_request", 400, "a job's input is a JSON object");
  const int attempts =
      request.max_attempts.value_or(options_.default_max_attempts);
  if (attempts < 1 || attempts > 10)
    throw JobError("invalid_request", 400, "max_attempts must be 1-10");
  if (request.webhook_url) validate_webhook_url(*request.webhook_url);
  if (request.blob) {
    if (request.blob->empty())
      throw JobError("invalid_request", 400, "the upload is empty");
    if (options_.max_blob_bytes > 0 &&
        static_cast<int64_t>(request.blob->size()) > options_.max_blob_bytes)
      throw JobError("invalid_request", 400,
                     "the upload is larger than " +
                         std::to_string(options_.max_blob_bytes) + " bytes");
    if (request.media_type.empty())
      throw JobError("invalid_request", 400, "the upload needs a media type");
  }

  storage::Connection c = db_.connect();
  std::string id;
  {
    storage::Transaction tx(c);
    const int64_t now = storage::now_ms();
    id = storage::JobRepository(c).enqueue(
        {request.tenant_id, request.job_type, request.input.dump(), attempts},
        now, {request.request_id, request.webhook_url});
    if (request.blob)
      storage::JobInputRepository(c).insert(
          {id, request.tenant_id, request.media_type, *request.blob}, now);
    tx.commit();
  }
  events_->notify();
  auto job = storage::JobRepository(c).find(request.tenant_id, id);
  if (!job) not_found(id);
  return *job;
}

storage::Job JobService::get(const std::string& tenant_id,
                             const std::string& id) {
  if (!sane_id(id)) not_found(id);
  storage::Connection c = db_.connect();
  auto job = storage::JobRepository(c).find(tenant_id, id);
  if (!job) not_found(id);
  return *job;
}

JobPage JobService::list(const std::string& tenant_id,
                         const JobListRequest& request) {
  if (request.limit < 1 || request.limit > kMaxPage)
    throw JobError("invalid_request", 400,
                   "limit must be 1-" + std::to_string(kMaxPage));
  std::optional<storage::JobListPosition> after;
  if (request.cursor) after = decode_cursor(*request.cursor);
  storage::Connection c = db_.connect();
  JobPage page;
  // One extra row tells whether another page follows.
  page.jobs = storage::JobRepository(c).list_page(tenant_id, request.filter,
                                                  after, request.limit + 1);
  if (static_cast<int>(page.jobs.size()) > request.limit) {
    page.jobs.resize(request.limit);
    const auto& last = page.jobs.back();
    page.next_cursor = encode_cursor({last.created_at_ms, last.id});
  }
  return page;
}

storage::Job JobService::cancel(const std::string& tenant_id,
                                const std::string& id) {
  if (!sane_id(id)) not_found(id);
  storage::Connection c = db_.connect();
  storage::JobRepository jobs(c);
  bool cancelled = false;
  {
    storage::Transaction tx(c);
    const int64_t now = storage::now_ms();
    cancelled = jobs.cancel(tenant_id, id, now);
    if (cancelled) {
      storage::JobStepRepository(c).remove_all(tenant_id, id);
      storage::JobWebhookRepository(c).schedule(tenant_id, id, now);
      tx.commit();
    }
  }
  auto job = jobs.find(tenant_id, id);
  if (!job) not_found(id);
  if (!cancelled)
    throw JobError("job_already_finished", 409,
                   std::string("the job has already ended (") +
                       storage::job_status_name(job->status) + ")");
  events_->notify();
  return *job;
}

storage::Job JobService::wait(const std::string& tenant_id,
                              const std::string& id,
                              std::chrono::milliseconds timeout) {
  if (timeout.count() < 0)
    throw JobError("invalid_request", 400, "a wait cannot be negative");
  const auto deadline = Clock::now() + timeout;
  auto backoff = std::chrono::milliseconds(20);
  for (;;) {
    const uint64_t seen = events_->generation();
    storage::Job job = get(tenant_id, id);
    if (is_finished(job.status) || Clock::now() >= deadline) return job;
    // Local workers wake us at once; a worker elsewhere is found by polling.
    events_->wait_after(seen, std::min(deadline, Clock::now() + backoff));
    backoff = std::min(backoff * 2, std::chrono::milliseconds(500));
  }
}

}  // namespace aihost::jobs
