// A price table or tenant override that cannot be used. The message starts
// with where the problem is ("config/prices.yaml:12: ...").
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::pricing {

class PriceTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  static constexpr const char* kCode = "invalid_price_table";
};

}  // namespace aihost::pricing
