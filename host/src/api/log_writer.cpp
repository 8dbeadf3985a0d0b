#include "api/log_writer.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace aihost::api {

LineWriter::LineWriter(int fd, std::chrono::milliseconds max_delay,
                       size_t batch_bytes)
    : fd_(fd), max_delay_(max_delay), batch_bytes_(batch_bytes) {
  pending_.reserve(batch_bytes_ + 1024);
  flusher_ = std::thread([this] { run(); });
}

LineWriter::~LineWriter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  flusher_.join();
  std::lock_guard lock(mu_);
  write_locked();
}

void LineWriter::add(std::string_view line, bool urgent) {
  std::lock_guard lock(mu_);
  pending_ += line;
  if (urgent || pending_.size() >= batch_bytes_) write_locked();
}

void LineWriter::flush() {
  std::lock_guard lock(mu_);
  write_locked();
}

void LineWriter::write_locked() {
  for (size_t done = 0; done < pending_.size();) {
    const ssize_t n =
        ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // a log that cannot be written must not stop work
    done += static_cast<size_t>(n);
  }
  pending_.clear();
}

void LineWriter::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, max_delay_);
    write_locked();
  }
}

LineWriter& api_log() {
  // Never destroyed: request threads may log until the process ends. The
  // exit handler writes what waits.
  static LineWriter* const writer = [] {
    auto* w = new LineWriter(STDERR_FILENO, std::chrono::milliseconds(100));
    std::atexit([] { api_log().flush(); });
    return w;
  }();
  return *writer;
}

}  // namespace aihost::api
