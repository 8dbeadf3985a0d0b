#include "pricing/tenant_prices.hpp"

#include "pricing/price_error.hpp"
#include "pricing/price_fields.hpp"

namespace aihost::pricing {

TenantPrices parse_tenant_prices(const nlohmann::json& providers,
                                 const std::string& version) {
  const std::string where = "tenant price override " + version;
  auto fail = [&](const std::string& why) {
    return PriceTableError(where + ": " + why);
  };
  if (!providers.is_object())
    throw fail("must be an object of provider -> model -> prices");
  std::vector<Price> prices;
  for (const auto& [provider, models] : providers.items()) {
    if (!models.is_object()) throw fail(provider + " must be an object");
    for (const auto& [model, entry] : models.items()) {
      std::string what = provider + "/" + model;
      if (!entry.is_object()) throw fail(what + " must be an object");
      EntryFields fields;
      for (const auto& [key, value] : entry.items()) {
        if (is_number_field(key) && value.is_number())
          fields.numbers[key] = value.get<double>();
        else if (is_text_field(key) && value.is_string())
          fields.texts[key] = value.get<std::string>();
        else if (is_flag_field(key) && value.is_boolean())
          fields.flags[key] = value.get<bool>();
        else if (is_number_field(key) || is_text_field(key) ||
                 is_flag_field(key))
          throw fail(what + ": " + key + " has the wrong type");
        else
          throw fail(what + ": unknown field '" + key + "'");
      }
      prices.push_back(make_price(provider, model, fields, where));
    }
  }
  return TenantPrices{version, PriceTable(version, "", std::move(prices))};
}

}  // namespace aihost::pricing
