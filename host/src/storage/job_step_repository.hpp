// ai_job_steps: the checkpoints of a job, one row per finished step. The
// worker that runs a job again after a crash starts from these; the row is
// written in the transaction that records the step's usage, so a step is
// either finished and billed, or neither.
#pragma once

#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct JobStep {
  std::string step;
  std::string output_json;
  int64_t created_at_ms = 0;
};

class JobStepRepository : RepositoryBase {
 public:
  explicit JobStepRepository(Connection& c) : RepositoryBase(c) {}

  // Throws "storage.conflict" when the step is already recorded.
  void insert(const std::string& tenant_id, const std::string& job_id,
              const std::string& step, const std::string& output_json,
              int64_t now);
  // Oldest first.
  std::vector<JobStep> list(const std::string& tenant_id,
                            const std::string& job_id);
  // Drops a finished job's checkpoints: they are only needed to resume it,
  // and may hold what later steps removed (an unredacted transcript).
  void remove_all(const std::string& tenant_id, const std::string& job_id);
};

}  // namespace aihost::storage
