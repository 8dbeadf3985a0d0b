#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "governance/billing_period.hpp"
#include "governance/governance_error.hpp"
#include "governance/money.hpp"

using namespace aihost::governance;

TEST_CASE("USD converts to micro-dollars exactly enough for budgets") {
  CHECK(usd_to_micros(0.1) == 100'000);
  CHECK(usd_to_micros(12.3456785) == 12'345'679);
  CHECK(usd_to_micros(0) == 0);
  // Estimates round up, and float noise does not add a micro-dollar.
  CHECK(usd_to_micros_ceil(0.1) == 100'000);
  CHECK(usd_to_micros_ceil(0.0000011) == 2);
  CHECK(micros_to_usd(2'500'000) == Approx(2.5));
  CHECK(format_usd(12'345'678) == "$12.345678");
  CHECK(format_usd(5) == "$0.000005");

  for (double bad :
       {-0.01, std::nan(""), std::numeric_limits<double>::infinity(), 2e9}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(usd_to_micros(bad), GovernanceError);
    CHECK_THROWS_AS(usd_to_micros_ceil(bad), GovernanceError);
  }
}

TEST_CASE("billing periods are UTC calendar months") {
  // 2026-02-28T23:59:59.999Z and one millisecond later.
  CHECK(period_of(1'772'323'199'999) == "2026-02");
  CHECK(period_of(1'772'323'200'000) == "2026-03");
  auto feb = bounds_of("2026-02");
  CHECK(feb.from_ms == 1'769'904'000'000);
  CHECK(feb.to_ms == 1'772'323'200'000);
  auto dec = bounds_of("2025-12");
  CHECK(period_of(dec.to_ms) == "2026-01");
  for (const char* bad : {"2026-13", "2026-1", "26-01", "2026-01x", "", "x"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(bounds_of(bad), GovernanceError);
  }
}
