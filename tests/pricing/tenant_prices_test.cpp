// Per-tenant price overrides and their precedence over the table.
#include "pricing/tenant_prices.hpp"
#include "pricing/cost.hpp"
#include "pricing/price_error.hpp"
#include "pricing/price_loader.hpp"

#include <catch2/catch.hpp>

using namespace aihost::pricing;
using nlohmann::json;

namespace {

const PriceTable& shipped() {
  static const PriceTable t =
      load_price_table(AIHOST_SOURCE_DIR "/config/prices.yaml");
  return t;
}

aihost::sdk::Usage chat(int64_t in, int64_t out) {
  aihost::sdk::Usage u;
  u.input_tokens = in;
  u.output_tokens = out;
  return u;
}

}  // namespace

TEST_CASE("a tenant override wins over the table", "[pricing][tenant]") {
  TenantPrices tenant = parse_tenant_prices(json::parse(R"({"openai": {
        "gpt-4o": {"per_1m_input_tokens": 2.0, "per_1m_output_tokens": 8.0},
        "whisper-1": {"per_audio_minute": 0.004}}})"),
                                            "acme@2026-11-20");
  CostCalculator calc(shipped());

  Cost c = calc.cost("openai", "gpt-4o", chat(1000000, 100000), {}, &tenant);
  CHECK(c.micro_usd == 2800000);
  CHECK(c.price_version == "tenant:acme@2026-11-20");
  CHECK(c.priced_as == "openai/gpt-4o");

  // Same matching rules: a snapshot of an overridden model is overridden.
  CHECK(calc.cost("openai", "gpt-4o-2024-08-06", chat(1000000, 0), {}, &tenant)
            .micro_usd == 2000000);

  // Models the tenant did not negotiate fall back to the table.
  Cost mini = calc.cost("openai", "gpt-4o-mini", chat(1000000, 0), {}, &tenant);
  CHECK(mini.micro_usd == 150000);
  CHECK(mini.price_version == "2026-11-01");

  // Without the override, the table's price.
  CHECK(calc.cost("openai", "gpt-4o", chat(1000000, 100000)).micro_usd ==
        3500000);

  aihost::sdk::Usage a;
  a.audio_seconds = 60;
  CHECK(calc.cost("openai", "whisper-1", a, {}, &tenant).micro_usd == 4000);
  Expectation e;
  e.audio_seconds = 60;
  CHECK(calc.estimate("openai", "whisper-1", e, &tenant).micro_usd == 4000);
}

TEST_CASE("a tenant can price what the table does not", "[pricing][tenant]") {
  TenantPrices tenant = parse_tenant_prices(
      json::parse(R"({"accent": {"*": {"per_1k_characters": 0.02}}})"), "v3");
  CostCalculator calc(shipped());
  aihost::sdk::Usage u;
  u.characters = 5000;
  Cost c = calc.cost("accent", "", u, {}, &tenant);
  CHECK(c.priced());
  CHECK(c.micro_usd == 100000);
  CHECK_FALSE(calc.cost("accent", "", u).priced());
}

TEST_CASE("bad tenant overrides are refused", "[pricing][tenant]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"([])", "must be an object of provider"},
      {R"({"openai": 1})", "openai must be an object"},
      {R"({"openai": {"gpt-4o": 2}})", "openai/gpt-4o must be an object"},
      {R"({"openai": {"gpt-4o": {"per_1m_input_tokens": "2"}}})",
       "openai/gpt-4o: per_1m_input_tokens has the wrong type"},
      {R"({"openai": {"gpt-4o": {"discount": 0.5}}})",
       "openai/gpt-4o: unknown field 'discount'"},
      {R"({"openai": {"gpt-4o": {"per_1m_input_tokens": 1}}})",
       "token pricing needs"},
      {R"({"openai": {"gpt-4o": {"per_audio_minute": -0.1}}})",
       "must be a non-negative number"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    try {
      parse_tenant_prices(json::parse(text), "t1");
      FAIL("accepted");
    } catch (const PriceTableError& e) {
      CHECK_THAT(e.what(), Catch::Contains("tenant price override t1"));
      CHECK_THAT(e.what(), Catch::Contains(expected));
    }
  }
}
