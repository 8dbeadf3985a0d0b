#include "settings/settings_error.hpp"

namespace aihost::settings {
namespace {

std::string join(const std::vector<SettingProblem>& problems) {
  std::string out = "invalid settings:";
  for (const auto& p : problems) out += "\n  " + p.message;
  return out;
}

}  // namespace

SettingsError::SettingsError(std::vector<SettingProblem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

}  // namespace aihost::settings
