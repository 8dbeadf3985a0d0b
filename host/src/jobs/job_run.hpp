// One claimed job on one worker: the JobContext its handler sees, and the
// lease-fenced transactions that end the run. Every write names this
// worker as the lease owner; once the lease has passed to another worker
// (or the job was cancelled) the write is refused and nothing of it stays.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "jobs/job_context.hpp"
#include "storage/database.hpp"

namespace aihost::jobs {

// Why a run was told to stop; the first reason sticks.
enum class StopReason { kNone, kCancelled, kLeaseLost, kShutdown };

class JobRun final : public JobContext, private gateway::UsageSink {
 public:
  JobRun(storage::Database& db, storage::Job job, std::string worker);

  // Reads the input, the uploaded bytes and the checkpoints of earlier
  // attempts. Throws StorageError.
  void load();

  const storage::Job& job() const override { return job_; }
  const nlohmann::json& input() const override { return input_; }
  const std::string& blob() const override { return blob_; }
  const std::map<std::string, nlohmann::json>& checkpoints() const override {
    return checkpoints_;
  }
  void checkpoint(const std::string& step, const nlohmann::json& output,
                  int progress) override;
  void progress(const std::string& step, int progress) override;
  const std::atomic<bool>& cancelled() const override { return stop_flag_; }
  gateway::UsageSink& usage_sink() override { return *this; }

  const std::string& worker() const { return worker_; }
  void stop(StopReason why);
  StopReason stop_reason() const;

  // Each returns false when the lease was no longer held (nothing written).
  // Buffered usage commits with them: the provider calls were made.
  bool complete(const nlohmann::json& result);
  bool fail(const std::string& code, const std::string& message,
            bool retryable);
  // Back to PENDING without spending the attempt (shutdown).
  bool release();
  // A cancelled job's usage, recorded only while no later attempt exists.
  void record_cancelled_usage();

 private:
  void add(storage::UsageLog usage) override;
  std::vector<storage::UsageLog> take_usage();

  storage::Database& db_;
  storage::Job job_;
  std::string worker_;
  nlohmann::json input_;
  std::string blob_;
  std::map<std::string, nlohmann::json> checkpoints_;
  std::atomic<bool> stop_flag_{false};
  std::atomic<StopReason> stop_reason_{StopReason::kNone};
  std::mutex usage_mu_;
  std::vector<storage::UsageLog> usage_;
};

}  // namespace aihost::jobs
