#include "net/call_watchdog.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <functional>

namespace aihost::net {

CallWatchdog::~CallWatchdog() {
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

CallWatchdog::Shard& CallWatchdog::shard_of_this_thread() {
  const size_t h = std::hash<std::thread::id>{}(std::this_thread::get_id());
  return shards_[h % shards_.size()];
}

std::unique_ptr<CallWatchdog::Watch> CallWatchdog::watch(
    int fd, const CallControl& call, Clock::time_point deadline) {
  Shard& shard = shard_of_this_thread();
  std::list<Entry>::iterator it;
  {
    std::lock_guard lock(shard.mu);
    it = shard.entries.emplace(shard.entries.end());
    it->fd = fd;
    it->cancelled = call.cancelled;
    it->deadline =
        call.deadline ? std::min(*call.deadline, deadline) : deadline;
  }
  // The thread is woken only when it sleeps with nothing to watch or past
  // this deadline: waking it for every call cost a context switch each.
  const bool first = watching_.fetch_add(1) == 0;
  if (first || it->deadline.time_since_epoch().count() < next_wake_.load()) {
    std::lock_guard lock(wake_mu_);
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
    wake_.notify_all();
  }
  return std::unique_ptr<Watch>(new Watch(this, &shard, it));
}

CallWatchdog::Watch::~Watch() {
  {
    std::lock_guard lock(shard_->mu);
    shard_->entries.erase(it_);
  }
  owner_->watching_.fetch_sub(1);
}

Interrupt CallWatchdog::Watch::fired() const { return it_->fired.load(); }

void CallWatchdog::run() {
  for (;;) {
    {
      std::unique_lock lock(wake_mu_);
      next_wake_.store(Clock::time_point::max().time_since_epoch().count());
      wake_.wait(lock, [&] { return stopping_ || watching_.load() > 0; });
      if (stopping_) return;
    }
    const auto now = Clock::now();
    auto wake = now + kPollPeriod;
    for (Shard& shard : shards_) {
      std::lock_guard lock(shard.mu);
      for (auto& e : shard.entries) {
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
    }
    std::unique_lock lock(wake_mu_);
    if (stopping_) return;
    next_wake_.store(wake.time_since_epoch().count());
    wake_.wait_until(lock, wake);
  }
}

}  // namespace aihost::net
