// Tenants never share keys or configuration: each tenant's call goes to
// its own upstream with its own key, and its usage is its own.
#include <catch2/catch.hpp>

#include "gateway_world.hpp"

using namespace aihost;
using aihost::testing::GatewayWorld;
using aihost::testing::test_engines;

TEST_CASE("tenant A's key and config are never used for tenant B") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    GatewayWorld w(engine);
    const std::string key_a = "sk-tenant-a-aaaaaaaaaaaaaaaaaaaaaaaa";
    const std::string key_b = "sk-tenant-b-bbbbbbbbbbbbbbbbbbbbbbbb";
    fakes::FakeOpenAI upstream_a(key_a), upstream_b(key_b);
    w.add_tenant("tenant-a", std::nullopt);
    w.add_tenant("tenant-b", 1'000'000);
    w.add_tenant("tenant-c", std::nullopt);  // no row: the service's key
    w.set_llm_config("tenant-a", key_a,
                     R"({"base_url": ")" + upstream_a.base_url() + R"("})");
    w.set_llm_config("tenant-b", key_b,
                     R"({"base_url": ")" + upstream_b.base_url() + R"("})");

    // Interleaved, so a cached instance or key would leak across.
    for (int i = 0; i < 3; ++i)
      for (const char* t : {"tenant-a", "tenant-b", "tenant-c"})
        REQUIRE(
            w.caller
                ->call(w.chat_call(t, std::string(t) + "-" + std::to_string(i)))
                .outcome.ok());

    for (const auto& r : upstream_a.requests())
      CHECK(r.header("Authorization") == "Bearer " + key_a);
    for (const auto& r : upstream_b.requests())
      CHECK(r.header("Authorization") == "Bearer " + key_b);
    for (const auto& r : w.openai.requests())
      CHECK(r.header("Authorization") ==
            std::string("Bearer ") + testing::kServiceKey);
    CHECK(upstream_a.request_count() == 3);
    CHECK(upstream_b.request_count() == 3);
    CHECK(w.openai.request_count() == 3);

    for (const char* t : {"tenant-a", "tenant-b", "tenant-c"}) {
      auto rows = w.usage(t);
      REQUIRE(rows.size() == 3);
      for (const auto& row : rows) {
        CHECK(row.tenant_id == t);
        CHECK(row.request_id.rfind(t, 0) == 0);
      }
    }
    // Only the budgeted tenant holds a lease; the others wrote nothing.
    CHECK(w.leases->open_leases() == 1);
    CHECK(w.period("tenant-a").reserved_micros == 0);
    CHECK(w.period("tenant-b").reserved_micros > 0);
  }
}
