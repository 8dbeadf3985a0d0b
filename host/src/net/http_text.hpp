// The small pieces of HTTP/1.1 syntax (RFC 9110) that both the server's
// request reader and the egress's response reader check.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace aihost::net {

// A token: one or more of the characters a method or field name may hold.
bool is_http_token(std::string_view text);

// Without the spaces and tabs around it (optional whitespace).
std::string_view trim_ows(std::string_view text);

// Equal but for ASCII case, as field names and most field values compare.
bool iequals(std::string_view a, std::string_view b);

// A Content-Length value: decimal digits only, at most 18 of them.
std::optional<int64_t> parse_content_length(std::string_view value);

}  // namespace aihost::net
