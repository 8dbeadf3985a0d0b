#include "storage/transaction.hpp"

#include <Poco/Exception.h>

#include "storage/storage_error.hpp"

namespace aihost::storage {

using Poco::Data::Keywords::now;

Transaction::Transaction(Connection& connection) : connection_(connection) {
  try {
    if (connection_.engine() == Engine::kSqlite)
      connection_.session() << "BEGIN IMMEDIATE", now;
    else
      connection_.session().begin();
  } catch (const Poco::Exception& e) {
    throw StorageError("storage.unavailable",
                       "cannot begin a transaction: " + e.displayText());
  }
  open_ = true;
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    if (connection_.engine() == Engine::kSqlite)
      connection_.session() << "ROLLBACK", now;
    else
      connection_.session().rollback();
  } catch (...) {
    // The connection is broken; the server drops the transaction with it.
  }
}

void Transaction::commit() {
  try {
    if (connection_.engine() == Engine::kSqlite)
      connection_.session() << "COMMIT", now;
    else
      connection_.session().commit();
  } catch (const Poco::Exception& e) {
    throw StorageError("storage.conflict", "commit failed: " + e.displayText());
  }
  open_ = false;
}

}  // namespace aihost::storage
