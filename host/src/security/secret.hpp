// A string that holds a secret: wiped when destroyed and never printed by
// accident (no stream operator, no implicit conversion).
#pragma once

#include <string>
#include <string_view>

namespace aihost::security {

// Overwrites the bytes in a way the optimiser may not remove.
void wipe(void* data, size_t size);
void wipe(std::string& s);

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret& other) : value_(other.value_) {}
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) {
    wipe(other.value_);
  }
  Secret& operator=(const Secret& other);
  Secret& operator=(Secret&& other) noexcept;
  ~Secret() { wipe(value_); }

  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  size_t size() const { return value_.size(); }

 private:
  std::string value_;
};

}  // namespace aihost::security
