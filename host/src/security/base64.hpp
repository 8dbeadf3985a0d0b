// Standard base64 (RFC 4648 §4, padded). Decoding is strict: any character
// outside the alphabet, missing or misplaced padding, or non-zero trailing
// bits is refused, so a ciphertext has exactly one textual form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aihost::security {

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace aihost::security
