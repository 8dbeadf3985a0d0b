// A pool of Poco Data sessions to one database, SQLite or PostgreSQL.
//
// Callers take a Connection (a pooled session) per unit of work and give it
// back by letting it go out of scope. When every session is in use, a caller
// waits up to `acquire_timeout_ms` instead of failing at once, so a burst of
// requests larger than the pool queues rather than errors.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database_url.hpp"

namespace aihost::storage {

struct DatabaseOptions {
  std::size_t max_sessions = 16;
  int acquire_timeout_ms = 10000;
  // SQLite only: how long a writer waits for the file lock.
  int busy_timeout_ms = 10000;
};

class Database;

// One pooled session, returned to the pool when destroyed.
class Connection {
 public:
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) = delete;
  ~Connection();

  Poco::Data::Session& session() { return *session_; }
  Engine engine() const { return engine_; }

 private:
  friend class Database;
  Connection(Database* owner, Poco::Data::Session session, Engine engine);

  Database* owner_;
  std::optional<Poco::Data::Session> session_;
  Engine engine_;
};

class Database {
 public:
  // Opens (for SQLite: creates) the database named by `url`; throws
  // StorageError "storage.bad_url" or "storage.unavailable".
  static std::unique_ptr<Database> open(std::string_view url,
                                        DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Engine engine() const { return target_.engine; }
  // The URL with its password masked.
  const std::string& redacted_url() const { return target_.redacted; }

  // Throws StorageError "storage.unavailable" after the acquire timeout.
  Connection connect();

 private:
  friend class Connection;
  Database(DatabaseTarget target, DatabaseOptions options);
  void release_slot();

  DatabaseTarget target_;
  DatabaseOptions options_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
  std::mutex mutex_;
  std::condition_variable slot_freed_;
  std::size_t in_use_ = 0;
};

}  // namespace aihost::storage
