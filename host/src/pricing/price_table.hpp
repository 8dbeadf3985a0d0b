// A versioned set of prices and how a provider's model name finds its
// entry: the exact name; else the longest entry name that the model extends
// with a dated snapshot suffix ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini") or,
// for entries marked `match: prefix`, with any "-<variant>"
// ("nova-3-general" -> "nova-3"); else the provider's "*" entry.
#pragma once

#include "pricing/price.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace aihost::pricing {

class PriceTable {
 public:
  PriceTable() = default;
  // Throws PriceTableError on two entries for the same provider and model.
  PriceTable(std::string version, std::string effective_date,
             std::vector<Price> prices);

  // nullptr when nothing prices this model.
  const Price* find(std::string_view provider, std::string_view model) const;

  const std::string& version() const { return version_; }
  const std::string& effective_date() const { return effective_date_; }
  const std::vector<Price>& prices() const { return prices_; }

 private:
  std::string version_;
  std::string effective_date_;
  std::vector<Price> prices_;
};

// "-2024-07-18", "-20240718" or "-0613" after a model name.
bool is_snapshot_suffix(std::string_view rest);

}  // namespace aihost::pricing
