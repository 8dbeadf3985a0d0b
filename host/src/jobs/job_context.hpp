// What a job handler sees while it runs one job on a worker.
//
// A handler is a function from the job's input to its result. It reports
// progress between steps, checks cancellation, and records each finished
// step with checkpoint(): the step's output and the usage rows its provider
// calls produced commit in one transaction, fenced by the worker's lease.
// When a worker dies mid-job, the next worker runs the handler again with
// the checkpoints already committed, so finished steps are neither repeated
// nor billed twice.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "gateway/provider_call.hpp"
#include "storage/job_repository.hpp"

namespace aihost::jobs {

// A handler's failure. `retryable` failures go back to the queue while the
// job has attempts left; the others end the job FAILED with `code`.
struct JobFailure : std::runtime_error {
  JobFailure(std::string code, const std::string& message, bool retryable)
      : std::runtime_error(message),
        code(std::move(code)),
        retryable(retryable) {}
  std::string code;
  bool retryable;
};

class JobContext {
 public:
  virtual ~JobContext() = default;

  virtual const storage::Job& job() const = 0;
  virtual const nlohmann::json& input() const = 0;
  // The job's binary input (uploaded audio), empty when it has none.
  virtual const std::string& blob() const = 0;

  // Steps already finished by an earlier attempt: step name -> output.
  virtual const std::map<std::string, nlohmann::json>& checkpoints() const = 0;
  // Commits the step's output and the usage buffered by usage_sink() since
  // the last checkpoint, with the job's progress, in one transaction.
  // Throws JobFailure "job.lease_lost" when another worker owns the job.
  virtual void checkpoint(const std::string& step, const nlohmann::json& output,
                          int progress) = 0;
  // Progress without a checkpoint ("transcribing", 10).
  virtual void progress(const std::string& step, int progress) = 0;

  // Set when the job was cancelled or the worker is shutting down.
  virtual const std::atomic<bool>& cancelled() const = 0;
  // The sink for this job's provider calls (pass in ProviderCall).
  virtual gateway::UsageSink& usage_sink() = 0;
};

// Returns the job's result JSON; throws JobFailure.
using JobHandler = std::function<nlohmann::json(JobContext&)>;

}  // namespace aihost::jobs
