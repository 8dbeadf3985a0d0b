// The only form in which a stored provider key is ever shown: a short known
// prefix and the last four characters, e.g. "sk-…wxyz". Keys too short to
// keep four characters hidden are masked entirely.
#pragma once

#include <string>
#include <string_view>

namespace aihost::security {

inline constexpr size_t kMinMaskableLength = 12;

std::string mask_key(std::string_view key);

}  // namespace aihost::security
