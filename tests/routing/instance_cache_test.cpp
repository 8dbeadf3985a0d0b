// Instances are reused while their configuration and registry snapshot stay
// the same, and rebuilt on the next request after either changes; the
// tenant snapshot cache serves reads without the database until invalidated.
#include <catch2/catch.hpp>

#include "plugins/provider_instance.hpp"
#include "routing/router.hpp"
#include "routing_fixture.hpp"

using namespace aihost;
using aihost::testing::RoutingWorld;

namespace {

std::string label_of(const plugins::ProviderInstance& instance) {
  plugins::Invocation call;
  call.operation = "llm.chat";
  call.params = {{"messages", nlohmann::json::array()}};
  auto outcome = instance.invoke(call);
  REQUIRE(outcome.ok());
  return outcome.result.value("label", "");
}

}  // namespace

TEST_CASE("an unchanged configuration reuses the instance") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.set_config("acme", "llm", "variant", "", std::nullopt,
                 R"({"label":"acme-one"})");
    routing::Router router(*w.resolver, w.factory);
    auto a = router.route({"acme", "llm.chat", {}, {}});
    auto b = router.route({"acme", "llm.chat", {}, {}});
    CHECK(a.instance == b.instance);
    CHECK(w.factory.created() == 1);
    CHECK(label_of(*a.instance) == "acme-one");
  }
}

TEST_CASE(
    "a changed tenant configuration builds a new instance on the next "
    "request, and the old one lives while held") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.set_config("acme", "llm", "variant", "", std::nullopt,
                 R"({"label":"acme-one"})");
    routing::Router router(*w.resolver, w.factory);
    auto old_route = router.route({"acme", "llm.chat", {}, {}});
    w.set_config("acme", "llm", "variant", "", std::nullopt,
                 R"({"label":"acme-two"})");
    auto new_route = router.route({"acme", "llm.chat", {}, {}});
    CHECK(new_route.instance != old_route.instance);
    CHECK(label_of(*new_route.instance) == "acme-two");
    CHECK(label_of(*old_route.instance) == "acme-one");  // still usable
    CHECK(w.factory.cached() == 1);
  }
}

TEST_CASE("a registry reload builds new instances from the new snapshot") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    routing::Router router(*w.resolver, w.factory);
    auto before =
        router.route({"acme", "llm.chat", std::string("variant"), {}});
    CHECK(label_of(*before.instance) == "from-registry");
    CHECK(router.route({"acme", "llm.chat", std::string("variant"), {}})
              .instance == before.instance);

    w.dir.write("providers.yaml", testing::routing_registry_text("reloaded"));
    REQUIRE(w.registry->reload().ok);
    auto after = router.route({"acme", "llm.chat", std::string("variant"), {}});
    CHECK(after.instance != before.instance);
    CHECK(label_of(*after.instance) == "reloaded");
    CHECK(label_of(*before.instance) == "from-registry");

    // Same file content again: still a new snapshot, so a new instance.
    REQUIRE(w.registry->reload().ok);
    auto again = router.route({"acme", "llm.chat", std::string("variant"), {}});
    CHECK(again.instance != after.instance);
  }
}

TEST_CASE("instances are per tenant even with identical configuration") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.add_tenant("globex");
    routing::Router router(*w.resolver, w.factory);
    auto a = router.route({"acme", "llm.chat", std::string("variant"), {}});
    auto b = router.route({"globex", "llm.chat", std::string("variant"), {}});
    CHECK(a.instance != b.instance);
    w.factory.forget_tenant("acme");
    CHECK(w.factory.cached() == 1);
  }
}

TEST_CASE("tenant snapshots are cached until invalidated or too old") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.resolve("acme", "audio.transcribe");
    w.resolve("acme", "audio.transcribe");
    CHECK(w.store->loads() == 1);

    // A write that bypasses invalidation is not seen while the entry is
    // fresh...
    {
      storage::TenantAiConfig row;
      row.tenant_id = "acme";
      row.provider_type = "transcription";
      row.provider_name = "deepgram";
      row.model = "written-elsewhere";
      row.api_key_ciphertext = std::nullopt;
      storage::Connection c = w.db->db().connect();
      storage::TenantAiConfigRepository(c).replace_active(row, 7);
    }
    CHECK(w.resolve("acme", "audio.transcribe").model == "service-stt-model");
    // ...and is after invalidation.
    w.store->invalidate("acme");
    CHECK(w.resolve("acme", "audio.transcribe").model == "written-elsewhere");
    CHECK(w.store->loads() == 2);
  }
}

TEST_CASE("a snapshot older than max_age is read again") {
  auto engine = storage::Engine::kSqlite;
  auto now = std::chrono::steady_clock::now();
  RoutingWorld w(engine);
  w.add_tenant("acme");
  routing::TenantConfigStore store(w.db->db(), std::chrono::milliseconds(100),
                                   [&] { return now; });
  store.get("acme");
  store.get("acme");
  CHECK(store.loads() == 1);
  now += std::chrono::milliseconds(150);
  store.get("acme");
  CHECK(store.loads() == 2);
  routing::TenantConfigStore uncached(w.db->db(), std::chrono::milliseconds(0));
  uncached.get("acme");
  uncached.get("acme");
  CHECK(uncached.loads() == 2);
}
