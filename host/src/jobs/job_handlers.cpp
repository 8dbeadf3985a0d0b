#include "jobs/job_handlers.hpp"

namespace aihost::jobs {

void JobHandlers::add(const std::string& job_type, JobHandler handler) {
  if (job_type.empty())
    throw std::invalid_argument("a job handler needs a job type");
  if (!handler)
    throw std::invalid_argument("the handler of '" + job_type + "' is empty");
  if (!handlers_.emplace(job_type, std::move(handler)).second)
    throw std::invalid_argument("job type '" + job_type +
                                "' is registered twice");
}

const JobHandler* JobHandlers::find(const std::string& job_type) const {
  auto it = handlers_.find(job_type);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string> JobHandlers::types() const {
  std::vector<std::string> out;
  for (const auto& [type, handler] : handlers_) out.push_back(type);
  return out;
}

}  // namespace aihost::jobs
