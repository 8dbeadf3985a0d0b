// Comparisons of secrets whose timing does not depend on where, or whether,
// the inputs differ.
#pragma once

#include <string_view>

namespace aihost::security {

// Equal-length byte comparison in constant time; false on length mismatch
// (lengths of digests are public).
bool constant_time_equal_bytes(std::string_view a, std::string_view b);

// For presented tokens of any length (the admin token): both sides are
// hashed first, so neither length nor content leaks through timing.
bool constant_time_equal(std::string_view presented, std::string_view expected);

}  // namespace aihost::security
