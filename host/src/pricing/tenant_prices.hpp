// A tenant's negotiated prices, stored by the storage layer as JSON in the
// shape of the price table's `providers` section:
//
//   {"openai": {"gpt-4o": {"per_1m_input_tokens": 2.0,
//                          "per_1m_output_tokens": 8.0}}}
//
// A tenant entry that matches a model (by the same rules as the table) wins
// over the table.
#pragma once

#include "pricing/price_table.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace aihost::pricing {

struct TenantPrices {
  std::string version;  // recorded with each cost, e.g. the row's update time
  PriceTable prices;
};

// Throws PriceTableError naming the tenant override and the field.
TenantPrices parse_tenant_prices(const nlohmann::json& providers,
                                 const std::string& version);

}  // namespace aihost::pricing
