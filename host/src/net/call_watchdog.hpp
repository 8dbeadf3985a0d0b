// Wakes up a transfer blocked on a socket when its call is cancelled or its
// deadline passes, by shutting the connection down from a helper thread.
// Socket timeouts alone cannot do this: they bound the wait between bytes,
// not the whole call, and know nothing of cancellation.
//
// Every upstream request registers and unregisters a watch, from as many
// threads as the server runs, so registration takes one of several shard
// locks rather than one lock for all: with one, a request thread preempted
// while holding it stalled every other request on the core.
#pragma once

#include "net/http_types.hpp"

#include <array>
#include <atomic>
#include <condition_variable>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

namespace aihost::net {

enum class Interrupt { none, cancelled, deadline };

class CallWatchdog {
  struct Entry {
    int fd = -1;  // the caller keeps it open until the watch ends
    const std::atomic<bool>* cancelled = nullptr;
    Clock::time_point deadline;
    std::atomic<Interrupt> fired{Interrupt::none};
  };
  struct Shard {
    std::mutex mu;
    std::list<Entry> entries;
  };

 public:
  // How often cancellation flags are looked at: they are plain atomics that
  // nobody notifies, so this bounds how late a cancellation is noticed (and
  // a deadline that falls due within one period of its registration).
  static constexpr auto kPollPeriod = std::chrono::milliseconds(10);

  CallWatchdog() = default;
  ~CallWatchdog();
  CallWatchdog(const CallWatchdog&) = delete;
  CallWatchdog& operator=(const CallWatchdog&) = delete;

  // While alive, shuts down the connection of `fd` once `call` is cancelled
  // or `deadline` passes, and reports which of the two happened. `fd` must
  // stay open, naming the same socket, until the watch is destroyed (a
  // connection's watch_fd() does).
  class Watch {
   public:
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    Interrupt fired() const;

   private:
    friend class CallWatchdog;
    Watch(CallWatchdog* owner, Shard* shard, std::list<Entry>::iterator it)
        : owner_(owner), shard_(shard), it_(it) {}
    CallWatchdog* owner_;
    Shard* shard_;
    std::list<Entry>::iterator it_;
  };

  std::unique_ptr<Watch> watch(int fd, const CallControl& call,
                               Clock::time_point deadline);

 private:
  void run();
  Shard& shard_of_this_thread();

  std::array<Shard, 8> shards_;
  std::atomic<size_t> watching_{0};
  // When run() next looks at the entries on its own, in steady-clock ticks;
  // a watch due earlier wakes it.
  std::atomic<Clock::rep> next_wake_{
      Clock::time_point::max().time_since_epoch().count()};

  std::mutex wake_mu_;  // run()'s sleeps, and the thread's start
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aihost::net
