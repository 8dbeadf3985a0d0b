// The one exception type the storage layer throws. `code` is stable and
// machine-readable ("storage.bad_url", "storage.unavailable", ...); the
// message is for people and never carries a password or a stored secret.
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::storage {

class StorageError : public std::runtime_error {
 public:
  StorageError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

}  // namespace aihost::storage
