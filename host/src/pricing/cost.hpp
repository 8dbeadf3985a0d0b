// The cost of a provider call from its raw usage and the prices, and the
// estimate that admission reserves against a budget before the call.
//
//   tokens:        (input - cached - audio_input) * in + cached * cached_rate
//                  + audio_input * audio_rate + output * out, per 1M tokens
//   audio_minutes: whole seconds (rounded up) / 60 * (rate + diarization
//                  add-on), times channels where the provider bills each
//   characters:    characters / 1000 * rate
//
// A model without a price is "unpriced": the cost carries the reason and is
// never a silent $0.
#pragma once

#include "pricing/price_table.hpp"
#include "pricing/tenant_prices.hpp"

#include <aihost/results.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace aihost::pricing {

enum class CostMethod { kTokens, kAudioMinutes, kCharacters, kUnpriced };

// "tokens", "audio_minutes", "characters", "unpriced": stored as is.
const char* method_name(CostMethod m);

struct Cost {
  CostMethod method = CostMethod::kUnpriced;
  double usd = 0;
  int64_t micro_usd = 0;      // usd in millionths, for exact budget sums
  std::string price_version;  // table version, or "tenant:<version>"
  std::string priced_as;      // "<provider>/<entry model>" that matched
  std::string reason;         // why unpriced
  bool priced() const { return method != CostMethod::kUnpriced; }
};

// What the call asked for, where usage alone does not say.
struct CallShape {
  int channels = 1;
  bool diarize = false;
};

// What admission knows before the call.
struct Expectation {
  int64_t input_tokens = 0;
  int64_t max_output_tokens = 0;
  double audio_seconds = 0;
  int64_t characters = 0;
  CallShape shape;
};

class CostCalculator {
 public:
  explicit CostCalculator(const PriceTable& table) : table_(table) {}

  // `tenant` may be null. Rounded to the nearest micro-dollar.
  Cost cost(std::string_view provider, std::string_view model,
            const sdk::Usage& usage, const CallShape& shape = {},
            const TenantPrices* tenant = nullptr) const;

  // An upper-bound estimate (no cache discount), rounded up to the next
  // micro-dollar so reservations never fall short through rounding.
  Cost estimate(std::string_view provider, std::string_view model,
                const Expectation& expected,
                const TenantPrices* tenant = nullptr) const;

 private:
  struct Match {
    const Price* price = nullptr;
    std::string version;
  };
  Match match(std::string_view provider, std::string_view model,
              const TenantPrices* tenant) const;

  const PriceTable& table_;
};

}  // namespace aihost::pricing
