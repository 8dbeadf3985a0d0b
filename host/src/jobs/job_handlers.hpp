// The job types a process can run: job_type -> handler. The API refuses to
// create a job of a type nobody registered, and a worker claims only the
// types it has handlers for, so mixed deployments never strand a job on a
// worker that cannot run it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "jobs/job_context.hpp"

namespace aihost::jobs {

class JobHandlers {
 public:
  // Throws std::invalid_argument for an empty type, a null handler or a
  // type registered twice.
  void add(const std::string& job_type, JobHandler handler);
  const JobHandler* find(const std::string& job_type) const;
  bool has(const std::string& job_type) const { return find(job_type); }
  std::vector<std::string> types() const;
  bool empty() const { return handlers_.empty(); }

 private:
  std::map<std::string, JobHandler> handlers_;
};

}  // namespace aihost::jobs
