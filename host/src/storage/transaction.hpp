// A write transaction on one connection: committed by commit(), rolled back
// if it goes out of scope first (an exception on the way).
//
// On SQLite it starts with BEGIN IMMEDIATE, taking the write lock up front:
// a deferred transaction that reads and then writes can fail with
// SQLITE_BUSY without waiting, when another writer got there in between.
#pragma once

#include "storage/database.hpp"

namespace aihost::storage {

class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Connection& connection_;
  bool open_ = false;
};

}  // namespace aihost::storage
