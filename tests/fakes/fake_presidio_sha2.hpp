// SHA-256 and SHA-512 (FIPS 180-4) as lowercase hex, for the fake
// anonymizer's hash operator; kept here so the fakes need no crypto library.
#pragma once

#include <string>
#include <string_view>

namespace aihost::fakes {

std::string sha256_hex(std::string_view data);
std::string sha512_hex(std::string_view data);

}  // namespace aihost::fakes
