#include "pricing/price_table.hpp"

#include "pricing/price_error.hpp"

namespace aihost::pricing {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

bool is_snapshot_suffix(std::string_view rest) {
  if (rest.empty() || rest.front() != '-') return false;
  rest.remove_prefix(1);
  if (rest.size() == 10)  // YYYY-MM-DD
    return all_digits(rest.substr(0, 4)) && rest[4] == '-' &&
           all_digits(rest.substr(5, 2)) && rest[7] == '-' &&
           all_digits(rest.substr(8, 2));
  return (rest.size() == 8 || rest.size() == 4) && all_digits(rest);
}

PriceTable::PriceTable(std::string version, std::string effective_date,
                       std::vector<Price> prices)
    : version_(std::move(version)),
      effective_date_(std::move(effective_date)),
      prices_(std::move(prices)) {
  for (size_t i = 0; i < prices_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (prices_[i].provider == prices_[j].provider &&
          prices_[i].model == prices_[j].model)
        throw PriceTableError(prices_[i].where + ": " + prices_[i].provider +
                              "/" + prices_[i].model + " is priced twice (" +
                              prices_[j].where + ")");
}

const Price* PriceTable::find(std::string_view provider,
                              std::string_view model) const {
  const Price* best = nullptr;
  const Price* wildcard = nullptr;
  for (const Price& p : prices_) {
    if (p.provider != provider) continue;
    if (p.model == model) return &p;
    if (p.model == "*") {
      wildcard = &p;
      continue;
    }
    if (model.size() <= p.model.size() ||
        model.substr(0, p.model.size()) != p.model)
      continue;
    std::string_view rest = model.substr(p.model.size());
    bool matches = is_snapshot_suffix(rest) ||
                   (p.prefix_match && rest.size() > 1 && rest.front() == '-');
    if (matches && (!best || p.model.size() > best->model.size())) best = &p;
  }
  return best ? best : wildcard;
}

}  // namespace aihost::pricing
