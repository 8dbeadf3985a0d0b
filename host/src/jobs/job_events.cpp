#include "jobs/job_events.hpp"

namespace aihost::jobs {

void JobEvents::notify() {
  {
    std::lock_guard lock(mu_);
    ++generation_;
  }
  cv_.notify_all();
}

uint64_t JobEvents::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

void JobEvents::wait_after(
    uint64_t seen, std::chrono::steady_clock::time_point deadline) const {
  std::unique_lock lock(mu_);
  cv_.wait_until(lock, deadline, [&] { return generation_ != seen; });
}

}  // namespace aihost::jobs
