// ai_jobs: the durable job queue. Workers on any number of processes claim
// jobs with a lease; a job whose lease expires (its worker crashed or hung)
// is claimed again, up to max_attempts. Every write a worker makes is fenced
// by its lease: once the lease has passed to another worker, the old worker
// can no longer touch the job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

enum class JobStatus { kPending, kProcessing, kCompleted, kFailed, kCancelled };

const char* job_status_name(JobStatus status);
// Throws StorageError "storage.corrupt" for an unknown name.
JobStatus parse_job_status(const std::string& name);

struct Job {
  std::string id;
  std::string tenant_id;
  std::string job_type;
  JobStatus status = JobStatus::kPending;
  std::string input_json;
  std::optional<std::string> result_json;
  std::optional<std::string> error_code;
  std::optional<std::string> error_message;
  int progress = 0;
  std::string current_step;
  int attempts = 0;
  int max_attempts = 3;
  std::optional<std::string> lease_owner;
  std::optional<int64_t> lease_expires_at_ms;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  std::optional<int64_t> started_at_ms;
  std::optional<int64_t> completed_at_ms;
};

struct NewJob {
  std::string tenant_id;
  std::string job_type;
  std::string input_json = "{}";
  int max_attempts = 3;
};

class JobRepository : RepositoryBase {
 public:
  explicit JobRepository(Connection& c) : RepositoryBase(c) {}

  // Returns the new job's id (a random UUID).
  std::string enqueue(const NewJob& job, int64_t now);
  std::optional<Job> find(const std::string& tenant_id, const std::string& id);
  std::vector<Job> list(const std::string& tenant_id,
                        std::optional<JobStatus> status, int limit);
  int count_active(const std::string& tenant_id);
  // PENDING or PROCESSING -> CANCELLED; false if the job is not the
  // tenant's or already finished.
  bool cancel(const std::string& tenant_id, const std::string& id, int64_t now);

  // Takes the oldest claimable job: PENDING, or PROCESSING with an expired
  // lease and attempts left. Atomic across processes (FOR UPDATE SKIP
  // LOCKED on PostgreSQL, the database write lock on SQLite).
  std::optional<Job> claim(const std::string& worker, int64_t lease_ms,
                           int64_t now);
  bool renew(const std::string& tenant_id, const std::string& id,
             const std::string& worker, int64_t lease_ms, int64_t now);
  bool report_progress(const std::string& tenant_id, const std::string& id,
                       const std::string& worker, int progress,
                       const std::string& step, int64_t now);
  bool complete(const std::string& tenant_id, const std::string& id,
                const std::string& worker, const std::string& result_json,
                int64_t now);
  // A retryable failure with attempts left goes back to PENDING; otherwise
  // the job ends FAILED.
  bool fail(const std::string& tenant_id, const std::string& id,
            const std::string& worker, const std::string& error_code,
            const std::string& error_message, bool retryable, int64_t now);
  // Jobs whose lease expired on their last attempt end FAILED
  // ("job.lease_expired"); returns how many.
  int fail_exhausted(int64_t now);
};

}  // namespace aihost::storage
