// Refusals at admission and misuse of the budget API, with a stable code:
// "budget.exceeded", "budget.invalid".
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::governance {

class GovernanceError : public std::runtime_error {
 public:
  GovernanceError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

}  // namespace aihost::governance
