// Reading config/prices.yaml:
//
//   version: "2026-11-01"        # changes whenever a price changes
//   effective_date: 2026-11-01
//   currency: USD
//   providers:
//     openai:
//       gpt-4o-mini:
//         per_1m_input_tokens: 0.15
//         per_1m_cached_input_tokens: 0.075
//         per_1m_output_tokens: 0.60
//     deepgram:
//       nova-3: {per_audio_minute: 0.0043, match: prefix, per_channel: true}
//
// Anything malformed, unknown or ambiguous is refused with file and line.
#pragma once

#include "pricing/price_table.hpp"

#include <string>
#include <string_view>

namespace aihost::pricing {

PriceTable load_price_table(const std::string& path);
PriceTable parse_price_table(std::string_view yaml, const std::string& path);

}  // namespace aihost::pricing
