// N worker threads running jobs from the durable queue, in this process.
//
// Each worker claims a job (claim_next_job: lease, tenant limits), runs its
// type's handler with a JobRun as context, and ends the run by its outcome:
//   result                       COMPLETED (result + usage in one commit)
//   JobFailure retryable         back to PENDING while attempts remain
//   JobFailure / GatewayError    FAILED with the failure's code
//   anything else                FAILED "internal_error" (detail logged only)
// A renewal thread extends every held lease at a third of its length and
// finds out so when a job was cancelled or its lease lost: the run's
// cancelled() flag goes up and its writes are refused from then on. The
// same thread fails jobs whose last lease expired.
//
// stop(grace) stops claiming, lets running jobs finish for `grace`, then
// signals the rest to stop and gives their jobs back to the queue without
// spending an attempt, so another worker takes them at once. A process
// killed outright leaves its leases to expire instead; the next worker
// resumes from the last checkpoint.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobs/job_events.hpp"
#include "jobs/job_handlers.hpp"
#include "jobs/job_run.hpp"
#include "storage/database.hpp"

namespace aihost::jobs {

struct WorkerPoolOptions {
  int workers = 2;  // the global limit of jobs run at once by this pool
  std::chrono::milliseconds lease = std::chrono::seconds(30);
  // How often an idle worker looks for jobs made by other processes (jobs
  // created in this process wake it at once through JobEvents).
  std::chrono::milliseconds idle_poll = std::chrono::milliseconds(500);
  int default_tenant_limit = 4;  // tenants without a features row
  // Prefix of the lease owner names; default "<hostname>:<pid>".
  std::string name;
  // Told how each run ended: "completed", "failed", "retryable_failure",
  // "cancelled", "released" (shutdown) or "lease_lost". For metrics.
  std::function<void(const std::string& job_type, const std::string& outcome)>
      on_finished;
};

class WorkerPool {
 public:
  // Throws std::invalid_argument for fewer than one worker or a lease
  // shorter than 300 ms.
  WorkerPool(storage::Database& db, const JobHandlers& handlers,
             WorkerPoolOptions options,
             std::shared_ptr<JobEvents> events = nullptr);
  ~WorkerPool();  // stop(0)
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start();
  void stop(std::chrono::milliseconds grace);

  int running_jobs() const;
  const WorkerPoolOptions& options() const { return options_; }

 private:
  void work(int index);
  void run_one(const storage::Job& job, const std::string& worker);
  void renew_leases();
  void renewal_loop();

  storage::Database& db_;
  const JobHandlers& handlers_;
  WorkerPoolOptions options_;
  std::shared_ptr<JobEvents> events_;
  std::string instance_;

  mutable std::mutex mu_;
  std::condition_variable changed_;
  bool started_ = false;
  bool stopping_ = false;  // no more claims
  bool renewal_stopping_ = false;
  std::map<std::string, std::shared_ptr<JobRun>> running_;  // by job id
  std::vector<std::thread> workers_;
  std::thread renewal_;
};

}  // namespace aihost::jobs
