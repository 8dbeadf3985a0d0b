#include "governance/billing_period.hpp"

#include <chrono>
#include <cstdio>

#include "governance/governance_error.hpp"

namespace aihost::governance {
namespace {

using namespace std::chrono;

int64_t ms_of(year_month ym) {
  return duration_cast<milliseconds>(sys_days(ym / 1).time_since_epoch())
      .count();
}

}  // namespace

std::string period_of(int64_t epoch_ms) {
  auto days =
      floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(epoch_ms)));
  year_month_day ymd(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  return buf;
}

PeriodBounds bounds_of(const std::string& period) {
  int y = 0;
  unsigned m = 0;
  char tail = 0;
  if (period.size() != 7 ||
      std::sscanf(period.c_str(), "%4d-%2u%c", &y, &m, &tail) != 2 || m < 1 ||
      m > 12 || y < 1970)
    throw GovernanceError("budget.invalid",
                          "a billing period looks like 2026-01");
  year_month ym{year{y}, month{m}};
  return {ms_of(ym), ms_of(ym + months{1})};
}

}  // namespace aihost::governance
