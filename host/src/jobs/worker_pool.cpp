#include "jobs/worker_pool.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <random>
#include <stdexcept>

#include "gateway/provider_call.hpp"
#include "jobs/job_claimer.hpp"
#include "storage/job_webhook_repository.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage_error.hpp"

namespace aihost::jobs {
namespace {

using Clock = std::chrono::steady_clock;

std::string default_name() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  return std::string(host[0] ? host : "worker") + ":" +
         std::to_string(getpid());
}

void log(const std::string& line) {
  std::cerr << "aihost: worker: " << line << std::endl;
}

}  // namespace

WorkerPool::WorkerPool(storage::Database& db, const JobHandlers& handlers,
                       WorkerPoolOptions options,
                       std::shared_ptr<JobEvents> events)
    : db_(db),
      handlers_(handlers),
      options_(std::move(options)),
      events_(events ? std::move(events) : std::make_shared<JobEvents>()) {
  if (options_.workers < 1)
    throw std::invalid_argument("a worker pool needs at least one worker");
  if (options_.lease < std::chrono::milliseconds(300))
    throw std::invalid_argument("a job lease must be at least 300 ms");
  if (options_.default_tenant_limit < 1)
    throw std::invalid_argument("the default tenant job limit must be >= 1");
  if (options_.name.empty()) options_.name = default_name();
  std::random_device random;
  char text[16];
  std::snprintf(text, sizeof text, "%08x", random());
  instance_ = text;
}

WorkerPool::~WorkerPool() { stop(std::chrono::milliseconds(0)); }

void WorkerPool::start() {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  for (int i = 0; i < options_.workers; ++i)
    workers_.emplace_back([this, i] { work(i); });
  renewal_ = std::thread([this] { renewal_loop(); });
}

int WorkerPool::running_jobs() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(running_.size());
}

void WorkerPool::stop(std::chrono::milliseconds grace) {
  {
    std::unique_lock lock(mu_);
    if (!started_ || stopping_) return;
    stopping_ = true;
    events_->notify();  // idle workers wake and see stopping_
    changed_.wait_for(lock, grace, [&] { return running_.empty(); });
    for (auto& [id, run] : running_) run->stop(StopReason::kShutdown);
  }
  events_->notify();
  for (auto& t : workers_) t.join();
  {
    std::lock_guard lock(mu_);
    renewal_stopping_ = true;
  }
  changed_.notify_all();
  renewal_.join();
}

void WorkerPool::work(int index) {
  // The lease owner name, unique per pool instance: a new pool in the same
  // process must not pass the lease fence of an earlier pool's runs.
  const std::string worker =
      options_.name + "/" + instance_ + "/" + std::to_string(index);
  ClaimRequest claim{worker, handlers_.types(),
                     static_cast<int64_t>(options_.lease.count()),
                     options_.default_tenant_limit};
  for (;;) {
    const uint64_t seen = events_->generation();
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    std::optional<storage::Job> job;
    try {
      job = claim_next_job(db_, claim);
    } catch (const std::exception& e) {
      log(std::string("claiming failed: ") + e.what());
    }
    if (job) {
      run_one(*job, worker);
      continue;
    }
    events_->wait_after(seen, Clock::now() + options_.idle_poll);
  }
}

void WorkerPool::run_one(const storage::Job& job, const std::string& worker) {
  auto run = std::make_shared<JobRun>(db_, job, worker);
  {
    std::lock_guard lock(mu_);
    running_[job.id] = run;
    // Claimed after stop() began: give it back untouched.
    if (stopping_) run->stop(StopReason::kShutdown);
  }
  const JobHandler* handler = handlers_.find(job.job_type);
  // How this run ended, for the metrics hook.
  std::string outcome = "unknown";
  auto end_with_failure = [&](const std::string& code,
                              const std::string& message, bool retryable) {
    switch (run->stop_reason()) {
      case StopReason::kShutdown:
        run->release();
        outcome = "released";
        break;
      case StopReason::kCancelled:
        run->record_cancelled_usage();
        outcome = "cancelled";
        break;
      case StopReason::kLeaseLost:
        outcome = "lease_lost";
        break;  // the new owner decides; our writes would be refused
      case StopReason::kNone:
        run->fail(code, message, retryable);
        outcome = retryable ? "retryable_failure" : "failed";
        break;
    }
  };
  try {
    if (run->stop_reason() == StopReason::kShutdown) {
      run->release();
      outcome = "released";
    } else if (!handler) {
      run->fail("unsupported_job_type",
                "no handler for job type '" + job.job_type + "'", false);
      outcome = "failed";
    } else {
      run->load();
      nlohmann::json result = (*handler)(*run);
      // A handler that returns has finished, even if asked to stop.
      if (run->complete(result)) {
        outcome = "completed";
      } else if (run->stop_reason() == StopReason::kCancelled) {
        run->record_cancelled_usage();
        outcome = "cancelled";
      }
    }
  } catch (const JobFailure& f) {
    end_with_failure(f.code, f.what(), f.retryable);
  } catch (const gateway::GatewayError& e) {
    end_with_failure(e.code, e.what(), false);
  } catch (const storage::StorageError& e) {
    log("job " + job.id + ": storage: " + e.what());
    try {
      end_with_failure("storage_unavailable",
                       "the job store failed while the job ran", true);
    } catch (const std::exception& again) {
      log("job " + job.id + ": not recorded: " + again.what());
    }
  } catch (const std::exception& e) {
    // The message may name internals; the job shows a generic one.
    log("job " + job.id + " (" + job.job_type + "): " + e.what());
    try {
      end_with_failure("internal_error",
                       "the job failed with an internal error", false);
    } catch (const std::exception& again) {
      log("job " + job.id + ": not recorded: " + again.what());
    }
  } catch (...) {
    log("job " + job.id + ": unknown exception");
  }
  {
    std::lock_guard lock(mu_);
    running_.erase(job.id);
  }
  if (options_.on_finished) options_.on_finished(job.job_type, outcome);
  changed_.notify_all();
  events_->notify();
}

void WorkerPool::renew_leases() {
  std::vector<std::shared_ptr<JobRun>> runs;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, run] : running_) runs.push_back(run);
  }
  storage::Connection c = db_.connect();
  storage::JobRepository jobs(c);
  for (auto& run : runs) {
    const auto& job = run->job();
    if (run->stop_reason() == StopReason::kLeaseLost ||
        run->stop_reason() == StopReason::kCancelled)
      continue;
    if (jobs.renew(job.tenant_id, job.id, run->worker(), options_.lease.count(),
                   storage::now_ms()))
      continue;
    auto now = jobs.find(job.tenant_id, job.id);
    run->stop(now && now->status == storage::JobStatus::kCancelled
                  ? StopReason::kCancelled
                  : StopReason::kLeaseLost);
  }
  const int64_t now = storage::now_ms();
  jobs.fail_exhausted(now);
  // Jobs that ended without a worker (cancelled, lease expired) get their
  // webhook scheduled here.
  if (storage::JobWebhookRepository(c).schedule_finished(now) > 0)
    events_->notify();
}

void WorkerPool::renewal_loop() {
  const auto period = options_.lease / 3;
  std::unique_lock lock(mu_);
  while (!renewal_stopping_) {
    changed_.wait_for(lock, period, [&] { return renewal_stopping_; });
    if (renewal_stopping_) break;
    lock.unlock();
    try {
      renew_leases();
    } catch (const std::exception& e) {
      log(std::string("renewing leases failed: ") + e.what());
    }
    lock.lock();
  }
}

}  // namespace aihost::jobs
