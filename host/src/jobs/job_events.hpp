// A wake-up signal inside one process: something about jobs changed (one
// was created, finished or cancelled). Idle workers, waiters on a job and
// the webhook sender sleep on it instead of polling the database tightly;
// they still poll on a timer, for changes made by other processes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace aihost::jobs {

class JobEvents {
 public:
  void notify();
  uint64_t generation() const;
  // Returns at the first notify() after generation `seen`, or at `deadline`.
  void wait_after(uint64_t seen,
                  std::chrono::steady_clock::time_point deadline) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  uint64_t generation_ = 0;
};

}  // namespace aihost::jobs
