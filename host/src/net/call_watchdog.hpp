// Wakes up a transfer blocked on a socket when its call is cancelled or its
// deadline passes, by shutting the connection down from a helper thread.
// Socket timeouts alone cannot do this: they bound the wait between bytes,
// not the whole call, and know nothing of cancellation.
#pragma once

#include "net/http_types.hpp"

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
    int fd = -1;  // a dup: the socket stays valid until the watch ends
    const std::atomic<bool>* cancelled = nullptr;
    Clock::time_point deadline;
    std::atomic<Interrupt> fired{Interrupt::none};
  };

 public:
  CallWatchdog() = default;
  ~CallWatchdog();
  CallWatchdog(const CallWatchdog&) = delete;
  CallWatchdog& operator=(const CallWatchdog&) = delete;

  // While alive, shuts down the connection of `fd` once `call` is cancelled
  // or `deadline` passes, and reports which of the two happened.
  class Watch {
   public:
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    Interrupt fired() const;

   private:
    friend class CallWatchdog;
    Watch(CallWatchdog* owner, std::list<Entry>::iterator it)
        : owner_(owner), it_(it) {}
    CallWatchdog* owner_;
    std::list<Entry>::iterator it_;
  };

  std::unique_ptr<Watch> watch(int fd, const CallControl& call,
                               Clock::time_point deadline);

 private:
  void run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::list<Entry> entries_;
  // When run() next looks at the entries on its own (max: not before a
  // notify).
  Clock::time_point next_wake_ = Clock::time_point::max();
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aihost::net
