#include "governance/usage_writer.hpp"

#include <iostream>

#include "storage/storage_error.hpp"
#include "storage/transaction.hpp"

namespace aihost::governance {

void log_to_stderr(const std::string& line) {
  std::cerr << "aihost: " + line + "\n" << std::flush;
}

UsageWriter::UsageWriter(storage::Database& db, UsageWriterOptions options,
                         LogFn log)
    : db_(db), options_(options), log_(log ? std::move(log) : log_to_stderr) {
  thread_ = std::thread([this] { run(); });
}

UsageWriter::~UsageWriter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void UsageWriter::add(storage::UsageLog row) {
  bool full;
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(row));
    ++added_;
    full = queue_.size() >= options_.batch_rows;
  }
  if (full) wake_.notify_one();
}

bool UsageWriter::flush(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  const uint64_t target = added_;
  if (done_ >= target) return true;
  flush_target_ = std::max(flush_target_, target);
  wake_.notify_one();
  return progress_.wait_for(lock, timeout, [&] { return done_ >= target; });
}

size_t UsageWriter::pending() const {
  std::lock_guard lock(mu_);
  return static_cast<size_t>(added_ - done_);
}

uint64_t UsageWriter::written() const {
  std::lock_guard lock(mu_);
  return written_;
}

uint64_t UsageWriter::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

uint64_t UsageWriter::failed_commits() const {
  std::lock_guard lock(mu_);
  return failed_commits_;
}

void UsageWriter::run() {
  using Clock = std::chrono::steady_clock;
  std::vector<storage::UsageLog> batch;  // taken from the queue, not done
  int failures = 0;
  std::optional<Clock::time_point> give_up_at;
  std::unique_lock lock(mu_);
  for (;;) {
    if (batch.empty()) {
      wake_.wait_for(lock, options_.flush_interval, [&] {
        return stopping_ || queue_.size() >= options_.batch_rows ||
               (flush_target_ > done_ && !queue_.empty());
      });
      if (queue_.empty()) {
        if (stopping_) return;
        continue;
      }
      while (!queue_.empty() && batch.size() < options_.batch_rows) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }

    lock.unlock();
    const size_t finished = write_batch(batch, failures);
    lock.lock();

    if (finished > 0) {
      done_ += finished;  // in order: unfinished rows stay at the front
      failures = batch.empty() ? 0 : failures + 1;
      give_up_at.reset();
      progress_.notify_all();
      if (batch.empty()) continue;
    } else {
      ++failures;
      ++failed_commits_;
    }
    if (stopping_) {
      if (!give_up_at) give_up_at = Clock::now() + options_.shutdown_timeout;
      if (Clock::now() >= *give_up_at) {
        const size_t lost = batch.size() + queue_.size();
        log_("usage writer: the database stayed unavailable at shutdown; " +
             std::to_string(lost) + " usage rows were not written");
        dropped_ += lost;
        done_ += lost;
        batch.clear();
        queue_.clear();
        progress_.notify_all();
        return;
      }
    }
    // Keep the rows and wait; a stop request does not cut the wait short,
    // so shutdown still retries at the same pace.
    wake_.wait_for(lock, options_.retry_delay, [] { return false; });
  }
}

namespace {

// The database refused this row itself, not the connection: retrying the
// same row can never succeed.
bool row_refused(const storage::StorageError& e) {
  return e.code() == "storage.invalid" || e.code() == "storage.conflict";
}

}  // namespace

size_t UsageWriter::write_batch(std::vector<storage::UsageLog>& batch,
                                int failures) {
  if (failures >= options_.isolate_after) return write_rows_one_by_one(batch);
  try {
    storage::Connection c = db_.connect();
    storage::Transaction tx(c);
    storage::UsageLogRepository repo(c);
    repo.insert_many(batch);
    tx.commit();
  } catch (const std::exception& e) {
    log_("usage writer: committing " + std::to_string(batch.size()) +
         " usage rows failed (will retry): " + e.what());
    return 0;
  }
  const size_t n = batch.size();
  std::lock_guard lock(mu_);
  written_ += n;
  batch.clear();
  return n;
}

size_t UsageWriter::write_rows_one_by_one(
    std::vector<storage::UsageLog>& batch) {
  std::vector<storage::UsageLog> kept;
  size_t written = 0, dropped = 0;
  std::string outage;
  for (auto& row : batch) {
    try {
      storage::Connection c = db_.connect();
      storage::UsageLogRepository(c).insert(row);
      ++written;
    } catch (const storage::StorageError& e) {
      if (row_refused(e)) {
        ++dropped;
        log_("usage writer: dropped the usage row of request '" +
             row.request_id + "' (tenant '" + row.tenant_id +
             "'): the database refused it: " + e.what());
      } else {
        if (outage.empty()) outage = e.what();
        kept.push_back(std::move(row));
      }
    } catch (const std::exception& e) {
      if (outage.empty()) outage = e.what();
      kept.push_back(std::move(row));
    }
  }
  if (!outage.empty())
    log_("usage writer: " + std::to_string(kept.size()) +
         " usage rows could not be written (will retry): " + outage);
  batch = std::move(kept);
  std::lock_guard lock(mu_);
  written_ += written;
  dropped_ += dropped;
  return written + dropped;
}

}  // namespace aihost::governance
