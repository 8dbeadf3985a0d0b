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
  // Schema v2.
  std::string request_id;
  std::optional<std::string> webhook_url;
  std::optional<std::string> webhook_state;  // see JobWebhookRepository
  int webhook_attempts = 0;
  std::optional<int> webhook_status;  // HTTP status of the last delivery
};

struct NewJob {
  std::string tenant_id;
  std::string job_type;
  std::string input_json = "{}";
  int max_attempts = 3;
};

// What schema v2 adds to a new job.
struct NewJobOptions {
  std::string request_id;
  std::optional<std::string> webhook_url;
};

// What a job list may be narrowed to; every bound is optional.
struct JobFilter {
  std::optional<JobStatus> status;
  std::optional<std::string> job_type;
  std::optional<int64_t> created_after_ms;   // exclusive
  std::optional<int64_t> created_before_ms;  // exclusive
};

// A position in the list order (created_at DESC, id ASC): the last row of
// the previous page.
struct JobListPosition {
  int64_t created_at_ms = 0;
  std::string id;
};

// A claimable job chosen (and, on PostgreSQL, row-locked) but not yet
// claimed; see JobRepository::pick_claimable.
struct ClaimCandidate {
  std::string id;
  std::string tenant_id;
};

class JobRepository : RepositoryBase {
 public:
  explicit JobRepository(Connection& c) : RepositoryBase(c) {}

  // Returns the new job's id (a random UUID).
  std::string enqueue(const NewJob& job, int64_t now,
                      const NewJobOptions& options = {});
  std::optional<Job> find(const std::string& tenant_id, const std::string& id);
  std::vector<Job> list(const std::string& tenant_id,
                        std::optional<JobStatus> status, int limit);
  int count_active(const std::string& tenant_id);
  // Jobs waiting for a worker, across tenants: the queue depth operators
  // watch.
  int count_pending();
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

  // The tenant's jobs matching `filter`, in list order, starting after
  // `after`; at most `limit`.
  std::vector<Job> list_page(const std::string& tenant_id,
                             const JobFilter& filter,
                             const std::optional<JobListPosition>& after,
                             int limit);

  // Claiming one job while honouring each tenant's max_concurrent_jobs is
  // four statements in one transaction (the caller's):
  //   pick_claimable      the oldest claimable job of `job_types` whose
  //                       tenant is below its limit, skipping `skip_tenants`
  //                       (locked FOR UPDATE SKIP LOCKED on PostgreSQL)
  //   lock_tenant_claims  serialises claimers of that tenant, so that two
  //                       processes cannot both see a free slot
  //   count_processing    re-counted under that lock
  //   claim_picked        takes the lease
  // A tenant without a features row has `default_limit`.
  std::optional<ClaimCandidate> pick_claimable(
      const std::vector<std::string>& job_types,
      const std::vector<std::string>& skip_tenants, int default_limit,
      int64_t now);
  void lock_tenant_claims(const std::string& tenant_id);
  // PROCESSING jobs of the tenant whose lease has not expired.
  int count_processing(const std::string& tenant_id, int64_t now);
  int tenant_job_limit(const std::string& tenant_id, int default_limit);
  std::optional<Job> claim_picked(const std::string& id,
                                  const std::string& worker, int64_t lease_ms,
                                  int64_t now);

  // Gives the job back (PENDING, lease cleared) without spending the
  // attempt: its worker is shutting down, not failing. Lease-fenced.
  bool release(const std::string& tenant_id, const std::string& id,
               const std::string& worker, int64_t now);
};

}  // namespace aihost::storage
