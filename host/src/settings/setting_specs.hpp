// Every AI_* variable the service reads, with its default and meaning: the
// one list that the loader, the typo guard, the redacted dump and the
// documentation (config/aihost.example.env, README) are checked against.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aihost::settings {

struct SettingSpec {
  const char* name;
  const char* default_value;  // "" = unset
  const char* form;           // the accepted form, quoted in refusals
  const char* description;
  bool secret = false;  // never printed, only "(set)" / "(not set)"
};

const std::vector<SettingSpec>& setting_specs();
const SettingSpec* find_spec(std::string_view name);

// The known name nearest to a mistyped one, or "" when none is close.
std::string closest_setting_name(std::string_view name);

}  // namespace aihost::settings
