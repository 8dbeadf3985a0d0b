#include "governance/money.hpp"

#include <cmath>
#include <cstdio>

#include "governance/governance_error.hpp"

namespace aihost::governance {
namespace {

// A billion dollars per call is not a price, it is a bug upstream.
constexpr double kMaxUsd = 1e9;

void check(double usd) {
  if (!std::isfinite(usd) || usd < 0 || usd > kMaxUsd)
    throw GovernanceError("budget.invalid",
                          "amount must be a finite, non-negative USD value");
}

}  // namespace

int64_t usd_to_micros(double usd) {
  check(usd);
  return std::llround(usd * 1e6);
}

int64_t usd_to_micros_ceil(double usd) {
  check(usd);
  // Shave float noise (0.1 * 1e6 = 100000.00000000001) before rounding up.
  return static_cast<int64_t>(std::ceil(usd * 1e6 - 1e-6));
}

double micros_to_usd(int64_t micros) {
  return static_cast<double>(micros) / 1e6;
}

std::string format_usd(int64_t micros) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s$%lld.%06lld", micros < 0 ? "-" : "",
                static_cast<long long>(std::llabs(micros) / 1000000),
                static_cast<long long>(std::llabs(micros) % 1000000));
  return buf;
}

}  // namespace aihost::governance
