#include "net/call_watchdog.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace aihost::net {
namespace {
// How often cancellation flags are polled: they are plain atomics that
// nobody notifies, so this bounds how late a cancellation is noticed.
constexpr auto kPollPeriod = std::chrono::milliseconds(10);
}  // namespace

CallWatchdog::~CallWatchdog() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::unique_ptr<CallWatchdog::Watch> CallWatchdog::watch(
    int fd, const CallControl& call, Clock::time_point deadline) {
  std::lock_guard lock(mu_);
  auto it = entries_.emplace(entries_.end());
  it->fd = fd >= 0 ? ::dup(fd) : -1;
  it->cancelled = call.cancelled;
  it->deadline = call.deadline ? std::min(*call.deadline, deadline) : deadline;
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  // The thread only needs waking when it sleeps with nothing to watch or
  // past this deadline; waking it for every call cost a context switch per
  // upstream request.
  if (entries_.size() == 1 || it->deadline < next_wake_) cv_.notify_all();
  return std::unique_ptr<Watch>(new Watch(this, it));
}

CallWatchdog::Watch::~Watch() {
  std::lock_guard lock(owner_->mu_);
  if (it_->fd >= 0) ::close(it_->fd);
  owner_->entries_.erase(it_);
}

Interrupt CallWatchdog::Watch::fired() const { return it_->fired.load(); }

void CallWatchdog::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (entries_.empty()) {
      next_wake_ = Clock::time_point::max();
      cv_.wait(lock);
      continue;
    }
    auto now = Clock::now();
    auto wake = now + kPollPeriod;
    for (auto& e : entries_) {
      if (e.fired.load() != Interrupt::none) continue;
      Interrupt why = Interrupt::none;
      if (e.cancelled && e.cancelled->load(std::memory_order_relaxed))
        why = Interrupt::cancelled;
      else if (now >= e.deadline)
        why = Interrupt::deadline;
      else
        wake = std::min(wake, e.deadline);
      if (why == Interrupt::none) continue;
      e.fired.store(why);
      if (e.fd >= 0) ::shutdown(e.fd, SHUT_RDWR);
    }
    next_wake_ = wake;
    cv_.wait_until(lock, wake);
  }
}

}  // namespace aihost::net
