// A JobContext held in memory, for running pipeline handlers without a
// database: it records every progress report and checkpoint in order,
// commits buffered usage rows at each checkpoint, and can be told to
// cancel the job once a given step is checkpointed.
#pragma once

#include "jobs/job_context.hpp"

#include <mutex>
#include <string>
#include <vector>

namespace aihost::testing {

class MemoryUsageSink : public gateway::UsageSink {
 public:
  void add(storage::UsageLog usage) override {
    std::lock_guard lock(mu_);
    buffered_.push_back(std::move(usage));
  }
  // Moves the buffered rows out (what a checkpoint commits).
  std::vector<storage::UsageLog> take() {
    std::lock_guard lock(mu_);
    return std::exchange(buffered_, {});
  }

 private:
  std::mutex mu_;
  std::vector<storage::UsageLog> buffered_;
};

struct ProgressEvent {
  std::string step;
  int progress;
  bool checkpoint;  // false: progress() only
};

class MemoryJobContext : public jobs::JobContext {
 public:
  MemoryJobContext(std::string job_type, nlohmann::json input,
                   std::string blob = "") {
    job_.id = "job-0001";
    job_.tenant_id = "tenant-a";
    job_.job_type = std::move(job_type);
    job_.input_json = input.dump();
    input_ = std::move(input);
    blob_ = std::move(blob);
  }

  const storage::Job& job() const override { return job_; }
  const nlohmann::json& input() const override { return input_; }
  const std::string& blob() const override { return blob_; }
  const std::map<std::string, nlohmann::json>& checkpoints() const override {
    return checkpoints_;
  }
  void checkpoint(const std::string& step, const nlohmann::json& output,
                  int progress) override {
    checkpoints_[step] = output;
    for (auto& row : sink_.take()) committed_.push_back(std::move(row));
    events_.push_back({step, progress, true});
    if (step == cancel_after_) cancelled_ = true;
  }
  void progress(const std::string& step, int progress) override {
    events_.push_back({step, progress, false});
  }
  const std::atomic<bool>& cancelled() const override { return cancelled_; }
  gateway::UsageSink& usage_sink() override { return sink_; }

  // Test controls.
  void cancel_after(std::string step) { cancel_after_ = std::move(step); }
  void cancel() { cancelled_ = true; }
  void seed_checkpoints(std::map<std::string, nlohmann::json> cps) {
    checkpoints_ = std::move(cps);
  }
  const std::vector<ProgressEvent>& events() const { return events_; }
  const std::vector<storage::UsageLog>& committed_usage() const {
    return committed_;
  }
  std::vector<std::string> checkpointed_steps() const {
    std::vector<std::string> out;
    for (const auto& e : events_)
      if (e.checkpoint) out.push_back(e.step);
    return out;
  }

 private:
  storage::Job job_;
  nlohmann::json input_;
  std::string blob_;
  std::map<std::string, nlohmann::json> checkpoints_;
  std::vector<ProgressEvent> events_;
  std::atomic<bool> cancelled_{false};
  std::string cancel_after_;
  MemoryUsageSink sink_;
  std::vector<storage::UsageLog> committed_;
};

}  // namespace aihost::testing
