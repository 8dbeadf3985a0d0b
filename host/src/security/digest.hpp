// SHA-256 and HMAC-SHA256, raw and hex.
#pragma once

#include <string>
#include <string_view>

namespace aihost::security {

std::string sha256(std::string_view data);  // 32 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string to_hex(std::string_view bytes);

}  // namespace aihost::security
