// Log lines written to a descriptor in batches.
//
// The request log wrote each line with its own write(2): ~2.5% of the CPU
// of a proxied chat completion, a system call in nine. Lines now wait in a
// buffer until it holds `batch_bytes`, or `max_delay` has passed, or a line
// marked urgent (an error) arrives, and leave together, in the order they
// were added. What a crash can lose is the last `max_delay` of lines; a
// normal exit writes them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace aihost::api {

class LineWriter {
 public:
  LineWriter(int fd, std::chrono::milliseconds max_delay,
             size_t batch_bytes = 32 * 1024);
  ~LineWriter();  // writes what is left
  LineWriter(const LineWriter&) = delete;
  LineWriter& operator=(const LineWriter&) = delete;

  // `line` ends with its newline. An urgent line is written now, with every
  // line before it.
  void add(std::string_view line, bool urgent = false);
  // Writes every line added so far.
  void flush();

 private:
  void write_locked();  // mu_ held: keeps batches in order
  void run();

  const int fd_;
  const std::chrono::milliseconds max_delay_;
  const size_t batch_bytes_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::string pending_;
  bool stopping_ = false;
  std::thread flusher_;
};

// The API's log on stderr: lines wait at most 100 ms, and are written by
// exit() too.
LineWriter& api_log();

}  // namespace aihost::api
