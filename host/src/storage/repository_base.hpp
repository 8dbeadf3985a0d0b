// What every repository shares: the connection it works on, dialect
// translation, typed reading of result rows, and turning driver exceptions
// into StorageError with a stable code.
//
// Repositories never open transactions themselves; a caller that needs
// several statements to commit together wraps them in a Transaction on the
// same Connection.
#pragma once

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/storage_error.hpp"

namespace aihost::storage {

// Reads one row of a RecordSet by column name, whatever integer width or
// boolean representation the engine returned.
class RowReader {
 public:
  RowReader(const Poco::Data::RecordSet& rs, std::size_t row)
      : rs_(rs), row_(row) {}

  std::string text(const std::string& column) const;
  int64_t i64(const std::string& column) const;
  double real(const std::string& column) const;
  bool boolean(const std::string& column) const;
  std::optional<std::string> opt_text(const std::string& column) const;
  std::optional<int64_t> opt_i64(const std::string& column) const;
  std::optional<double> opt_real(const std::string& column) const;

 private:
  std::size_t index(const std::string& column) const;
  bool is_null(const std::string& column) const;

  const Poco::Data::RecordSet& rs_;
  std::size_t row_;
};

class RepositoryBase {
 protected:
  explicit RepositoryBase(Connection& connection) : c_(connection) {}

  Poco::Data::Session& session() { return c_.session(); }
  Engine engine() const { return c_.engine(); }
  std::string q(std::string_view text) const { return sql(c_.engine(), text); }

  // Runs `f`, mapping driver errors: a broken constraint becomes
  // "storage.conflict", anything else "storage.query_failed". `what` names
  // the operation; no bound value is ever part of the message.
  template <class F>
  auto guarded(const char* what, F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const Poco::Exception& e) {
      throw translate(what, e);
    } catch (const nlohmann::json::exception& e) {
      throw StorageError(
          "storage.corrupt",
          std::string(what) + ": stored JSON unreadable: " + e.what());
    }
  }

 private:
  static StorageError translate(const char* what, const Poco::Exception& e);

  Connection& c_;
};

// Poco wants Nullable for NULL-able binds.
template <class T>
Poco::Nullable<T> nullable(const std::optional<T>& v) {
  return v ? Poco::Nullable<T>(*v) : Poco::Nullable<T>();
}

}  // namespace aihost::storage
