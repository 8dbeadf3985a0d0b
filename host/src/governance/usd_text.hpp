// Dollar amounts as operators type and read them ("250", "12.50"), turned
// into micro-dollars exactly: no binary floating point on a budget.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aihost::governance {

// Up to nine whole digits and at most six decimals; none for anything else
// (signs, exponents, "12.", ".5").
std::optional<int64_t> parse_usd_micros(std::string_view text);
// "12.500000": six decimals, no currency sign.
std::string usd_decimal(int64_t micros);

}  // namespace aihost::governance
