#include "storage/database.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>
#include <libpq-fe.h>

#include <chrono>
#include <filesystem>
#include <mutex>

#include "storage/storage_error.hpp"

namespace aihost::storage {
namespace {

using Poco::Data::Keywords::now;

void register_connectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

const char* connector_of(Engine engine) {
  return engine == Engine::kPostgres ? "PostgreSQL" : "SQLite";
}

// Poco 1.11 leaks the libpq connection object when PQconnectdb fails, so
// a server that cannot be reached is detected here first, with libpq
// itself, and the probe always freed.
void probe_postgres(const DatabaseTarget& t) {
  PGconn* conn = PQconnectdb(t.connection.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK)
    error = conn ? PQerrorMessage(conn) : "out of memory";
  PQfinish(conn);
  while (!error.empty() && (error.back() == '\n' || error.back() == ' '))
    error.pop_back();
  if (!error.empty())
    throw StorageError("storage.unavailable",
                       "cannot open database " + t.redacted + ": " + error);
}

}  // namespace

Connection::Connection(Database* owner, Poco::Data::Session session,
                       Engine engine)
    : owner_(owner), session_(std::move(session)), engine_(engine) {}

Connection::Connection(Connection&& other) noexcept
    : owner_(other.owner_),
      session_(std::move(other.session_)),
      engine_(other.engine_) {
  other.owner_ = nullptr;
  other.session_.reset();
}

Connection::~Connection() {
  if (owner_ == nullptr) return;
  // Poco returns the session to its pool when the last handle goes; do that
  // before freeing the slot so a waiter finds it idle.
  session_.reset();
  owner_->release_slot();
}

Database::Database(DatabaseTarget target, DatabaseOptions options)
    : target_(std::move(target)), options_(options) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::open(std::string_view url,
                                         DatabaseOptions options) {
  register_connectors();
  DatabaseTarget target = parse_database_url(url);
  if (options.max_sessions == 0) options.max_sessions = 1;
  std::unique_ptr<Database> db(new Database(std::move(target), options));
  const DatabaseTarget& t = db->target_;

  if (t.engine == Engine::kSqlite) {
    std::filesystem::path file(t.connection);
    if (file.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(file.parent_path(), ec);
      if (ec)
        throw StorageError(
            "storage.unavailable",
            "cannot create directory for " + t.redacted + ": " + ec.message());
    }
  }
  if (t.engine == Engine::kPostgres) probe_postgres(t);
  try {
    db->pool_ = std::make_unique<Poco::Data::SessionPool>(
        connector_of(t.engine), t.connection, 1,
        static_cast<int>(options.max_sessions), 60);
    Connection probe = db->connect();
    if (t.engine == Engine::kSqlite) {
      // WAL lets readers run beside the single writer; it is a property of
      // the file, so setting it once is enough.
      probe.session() << "PRAGMA journal_mode=WAL", now;
    }
  } catch (const StorageError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw StorageError(
        "storage.unavailable",
        "cannot open database " + t.redacted + ": " + e.displayText());
  }
  return db;
}

Connection Database::connect() {
  {
    std::unique_lock lock(mutex_);
    if (!slot_freed_.wait_for(
            lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
            [&] { return in_use_ < options_.max_sessions; }))
      throw StorageError("storage.unavailable",
                         "no free database session within " +
                             std::to_string(options_.acquire_timeout_ms) +
                             " ms");
    ++in_use_;
  }
  try {
    Poco::Data::Session session = pool_->get();
    if (target_.engine == Engine::kSqlite) {
      // Per connection, so set on every checkout (cheap, no I/O).
      session << "PRAGMA busy_timeout=" +
                     std::to_string(options_.busy_timeout_ms),
          now;
      session << "PRAGMA foreign_keys=ON", now;
    }
    return Connection(this, std::move(session), target_.engine);
  } catch (const Poco::Exception& e) {
    release_slot();
    throw StorageError(
        "storage.unavailable",
        "cannot connect to " + target_.redacted + ": " + e.displayText());
  }
}

void Database::release_slot() {
  {
    std::lock_guard lock(mutex_);
    --in_use_;
  }
  slot_freed_.notify_one();
}

}  // namespace aihost::storage
