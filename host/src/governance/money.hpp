// Budgets compare integer micro-dollars so reservation arithmetic in SQL is
// exact; prices and usage costs are doubles in USD.
#pragma once

#include <cstdint>
#include <string>

namespace aihost::governance {

// Nearest micro-dollar; throws GovernanceError "budget.invalid" for
// negative, NaN or absurdly large amounts.
int64_t usd_to_micros(double usd);
// Rounded up, so an estimate never under-reserves by rounding.
int64_t usd_to_micros_ceil(double usd);
double micros_to_usd(int64_t micros);
// "$12.345678"
std::string format_usd(int64_t micros);

}  // namespace aihost::governance
