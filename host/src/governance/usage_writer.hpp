// Usage rows off the request path: add() queues a row and returns; a
// background thread commits queued rows in one transaction every
// `flush_interval` or as soon as `batch_rows` are waiting.
//
// Nothing is dropped because the database is briefly away: a failed commit
// is logged and the same rows are tried again after `retry_delay`. A row
// the database refuses on its own (a constraint, a deleted tenant) would
// block every row behind it, so after a batch fails, rows are tried one by
// one; a row that fails while its neighbours succeed is logged and dropped.
// The destructor writes out everything still queued, trying for up to
// `shutdown_timeout` while the database is down, and logs what it could not
// write.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/usage_log_repository.hpp"

namespace aihost::governance {

using LogFn = std::function<void(const std::string&)>;

// Writes "aihost: <line>" to stderr.
void log_to_stderr(const std::string& line);

struct UsageWriterOptions {
  std::chrono::milliseconds flush_interval{200};
  size_t batch_rows = 256;
  std::chrono::milliseconds retry_delay{500};
  std::chrono::milliseconds shutdown_timeout{10000};
  // Consecutive failures of one batch before its rows are tried one by one.
  int isolate_after = 2;
};

class UsageWriter {
 public:
  explicit UsageWriter(storage::Database& db, UsageWriterOptions options = {},
                       LogFn log = log_to_stderr);
  ~UsageWriter();
  UsageWriter(const UsageWriter&) = delete;
  UsageWriter& operator=(const UsageWriter&) = delete;

  void add(storage::UsageLog row);
  // Waits until every row added before the call is committed (or dropped
  // as refused). False when `timeout` passed first.
  bool flush(std::chrono::milliseconds timeout = std::chrono::seconds(30));

  size_t pending() const;
  uint64_t written() const;
  uint64_t dropped() const;
  uint64_t failed_commits() const;

 private:
  void run();
  // Writes what it can of `batch` and removes it; returns how many rows
  // were written or dropped as refused. Rows kept are retried.
  size_t write_batch(std::vector<storage::UsageLog>& batch, int failures);
  size_t write_rows_one_by_one(std::vector<storage::UsageLog>& batch);

  storage::Database& db_;
  const UsageWriterOptions options_;
  const LogFn log_;

  mutable std::mutex mu_;
  std::condition_variable wake_;      // the writer thread waits here
  std::condition_variable progress_;  // flush() waits here
  std::deque<storage::UsageLog> queue_;
  uint64_t added_ = 0;
  uint64_t done_ = 0;  // committed or dropped, in order of addition
  uint64_t flush_target_ = 0;
  uint64_t written_ = 0;
  uint64_t dropped_ = 0;
  uint64_t failed_commits_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aihost::governance
