// Watches a server-sent event stream as it arrives and notes when each event
// carrying content lands: the first gives the time to first token, the rest
// the gaps between chunks. Only content counts, so a gateway that drops the
// role-only opening chunk is measured the same as one that forwards it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::bench {

class SseProbe {
 public:
  void reset(int64_t start_ns);
  void feed(std::string_view bytes, int64_t now_ns);

  bool saw_done() const { return saw_done_; }
  bool saw_error() const { return saw_error_; }
  int content_events() const { return content_events_; }
  // -1 until the first content event.
  int64_t ttft_ns() const { return ttft_ns_; }
  const std::vector<int64_t>& gaps_ns() const { return gaps_ns_; }

 private:
  void on_event(std::string_view data, int64_t now_ns);

  std::string pending_;
  std::string data_;  // data lines of the event being read
  int64_t start_ns_ = 0, last_ns_ = 0, ttft_ns_ = -1;
  int content_events_ = 0;
  bool saw_done_ = false, saw_error_ = false;
  std::vector<int64_t> gaps_ns_;
};

}  // namespace aihost::bench
