// Refusal of the service's configuration at start-up. Every problem names the
// variable (or env file and line) and the form expected; all problems found
// are reported together so an operator fixes them in one pass.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace aihost::settings {

struct SettingProblem {
  std::string variable;  // AI_..., or the env file path
  std::string message;   // full sentence, starts with the variable
};

class SettingsError : public std::runtime_error {
 public:
  explicit SettingsError(std::vector<SettingProblem> problems);
  SettingsError(std::string variable, std::string message)
      : SettingsError(std::vector<SettingProblem>{
            {std::move(variable), std::move(message)}}) {}
  const std::vector<SettingProblem>& problems() const { return problems_; }
  // Stable code for callers that report errors as data.
  static constexpr const char* kCode = "invalid_settings";

 private:
  std::vector<SettingProblem> problems_;
};

}  // namespace aihost::settings
