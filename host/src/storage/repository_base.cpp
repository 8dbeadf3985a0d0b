#include "storage/repository_base.hpp"

#include <algorithm>
#include <cctype>

namespace aihost::storage {

std::size_t RowReader::index(const std::string& column) const {
  for (std::size_t i = 0; i < rs_.columnCount(); ++i)
    if (rs_.columnName(i) == column) return i;
  throw StorageError("storage.corrupt", "result has no column " + column);
}

bool RowReader::is_null(const std::string& column) const {
  return rs_.isNull(index(column), row_);
}

std::string RowReader::text(const std::string& column) const {
  return opt_text(column).value_or(std::string());
}

int64_t RowReader::i64(const std::string& column) const {
  return opt_i64(column).value_or(0);
}

double RowReader::real(const std::string& column) const {
  return opt_real(column).value_or(0.0);
}

bool RowReader::boolean(const std::string& column) const {
  if (is_null(column)) return false;
  Poco::Dynamic::Var v = rs_.value(column, row_);
  if (v.isString()) {
    std::string s = v.convert<std::string>();
    return s == "t" || s == "true" || s == "1";
  }
  return v.convert<int64_t>() != 0;
}

std::optional<std::string> RowReader::opt_text(
    const std::string& column) const {
  if (is_null(column)) return std::nullopt;
  return rs_.value(column, row_).convert<std::string>();
}

std::optional<int64_t> RowReader::opt_i64(const std::string& column) const {
  if (is_null(column)) return std::nullopt;
  return rs_.value(column, row_).convert<int64_t>();
}

std::optional<double> RowReader::opt_real(const std::string& column) const {
  if (is_null(column)) return std::nullopt;
  return rs_.value(column, row_).convert<double>();
}

StorageError RepositoryBase::translate(const char* what,
                                       const Poco::Exception& e) {
  std::string text = e.displayText();
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const bool constraint = lower.find("constraint") != std::string::npos ||
                          lower.find("duplicate key") != std::string::npos ||
                          lower.find("violates") != std::string::npos;
  return StorageError(constraint ? "storage.conflict" : "storage.query_failed",
                      std::string(what) + ": " + text);
}

}  // namespace aihost::storage
