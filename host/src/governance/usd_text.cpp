#include "governance/usd_text.hpp"

namespace aihost::governance {
namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int64_t to_int(std::string_view s) {
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<int64_t> parse_usd_micros(std::string_view text) {
  const auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 9 || !digits(whole) || !digits(frac) ||
      frac.size() > 6 || (dot != std::string_view::npos && frac.empty()))
    return std::nullopt;
  std::string padded(frac);
  padded.resize(6, '0');
  return to_int(whole) * 1'000'000 + to_int(padded);
}

std::string usd_decimal(int64_t micros) {
  const bool negative = micros < 0;
  const uint64_t m = negative ? static_cast<uint64_t>(-(micros + 1)) + 1
                              : static_cast<uint64_t>(micros);
  // Appended piece by piece: GCC 12 warns falsely on "-" + std::string.
  std::string text = negative ? "-" : "";
  text += std::to_string(m / 1'000'000);
  text += '.';
  text += std::to_string(1'000'000 + m % 1'000'000).substr(1);
  return text;
}

}  // namespace aihost::governance
