// ai_job_inputs: a job's uploaded bytes (audio of tens of MB), kept in the
// database so that a worker on any machine can run the job. Written in the
// transaction that enqueues the job; removed with it.
#pragma once

#include <optional>
#include <string>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct JobInput {
  std::string job_id;
  std::string tenant_id;
  std::string media_type;  // "audio/wav", ...
  std::string data;        // raw bytes, NULs included
};

class JobInputRepository : RepositoryBase {
 public:
  explicit JobInputRepository(Connection& c) : RepositoryBase(c) {}

  // Throws "storage.conflict" when the job already has an input.
  void insert(const JobInput& input, int64_t now);
  std::optional<JobInput> find(const std::string& tenant_id,
                               const std::string& job_id);
};

}  // namespace aihost::storage
