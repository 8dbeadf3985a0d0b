// Python-str semantics for the fake Presidio: text as code points, as the
// real services index it.
#pragma once

#include <string>
#include <string_view>

namespace aihost::fakes {

// Decodes UTF-8 (already validated by the JSON parser) into code points.
std::u32string to_code_points(std::string_view utf8);
std::string to_utf8(std::u32string_view code_points);

}  // namespace aihost::fakes
