// Each field of the cascade from each level: tenant row, service settings,
// registry defaults, and the per-request override; on every engine.
#include <catch2/catch.hpp>

#include "routing/routing_error.hpp"
#include "routing_fixture.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/tenant_feature_repository.hpp"

using namespace aihost;
using aihost::testing::RoutingWorld;
using routing::Source;

TEST_CASE("the tenant's active row wins over service and registry") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.set_config("acme", "llm", "c-echo", "tenant-model",
                 "sk-acme-llm-0000aaaa",
                 R"({"label":"acme","temperature":0.2})");
    auto r = w.resolve("acme", "llm.chat");
    CHECK(r.provider == "c-echo");
    CHECK(r.model == "tenant-model");
    CHECK(r.api_key.reveal() == "sk-acme-llm-0000aaaa");
    CHECK(r.provider_source == Source::kTenant);
    CHECK(r.model_source == Source::kTenant);
    CHECK(r.key_source == Source::kTenant);
    CHECK(r.config_source == Source::kTenant);
    // Registry upstream, then tenant config, then the model.
    CHECK(r.instance_config["base_url"] == "http://127.0.0.1:9");
    CHECK(r.instance_config["temperature"] == 0.2);
    CHECK(r.instance_config["model"] == "tenant-model");
    CHECK(r.instance_config.dump().find("sk-acme") == std::string::npos);
    // The description masks the key.
    auto d = r.describe().dump();
    CHECK(d.find("sk-acme-llm-0000aaaa") == std::string::npos);
    CHECK(d.find("aaaa") != std::string::npos);
  }
}

TEST_CASE("service settings apply when the tenant has no row") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    auto r = w.resolve("acme", "audio.transcribe");
    CHECK(r.provider == "deepgram");
    CHECK(r.model == "service-stt-model");
    CHECK(r.api_key.reveal() == "dg-service-key-000111222333");
    CHECK(r.provider_source == Source::kService);
    CHECK(r.model_source == Source::kService);
    CHECK(r.key_source == Source::kService);
    CHECK(r.config_source == Source::kRegistry);
    CHECK(r.tenant_config_id == 0);
  }
}

TEST_CASE("a tenant row without a model falls to the registry's default") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    // variant is not the service's LLM provider, so AI_DEFAULT_LLM_MODEL
    // (a c-echo model) must not leak onto it.
    int64_t id = w.set_config("acme", "llm", "variant", "", std::nullopt);
    auto r = w.resolve("acme", "llm.chat");
    CHECK(r.provider == "variant");
    CHECK(r.model == "variant-default");
    CHECK(r.model_source == Source::kRegistry);
    CHECK(r.key_source == Source::kNone);  // no upstream, no key needed
    CHECK(r.api_key.empty());
    CHECK(r.instance_config["label"] == "from-registry");
    CHECK(r.tenant_config_id == id);
  }
}

TEST_CASE("the registry gives the model when neither tenant nor service do") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    auto r = w.resolve("acme", "llm.chat", std::string("variant"));
    CHECK(r.model == "variant-default");
    CHECK(r.model_source == Source::kRegistry);
    // local-pii names no model anywhere and needs no key.
    storage::TenantFeatures f;
    f.tenant_id = "acme";
    f.pii_redaction_enabled = true;
    {
      storage::Connection c = w.db->db().connect();
      storage::TenantFeatureRepository(c).upsert(f, 3);
    }
    w.store->invalidate("acme");
    auto pii = w.resolve("acme", "pii.redact", std::nullopt);
    CHECK(pii.provider == "local-pii");
    CHECK(pii.model.empty());
    CHECK(pii.model_source == Source::kNone);
    CHECK_FALSE(pii.instance_config.contains("model"));
  }
}

TEST_CASE(
    "an override picks the provider; the tenant row counts only if it "
    "is for that provider") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.set_config("acme", "llm", "c-echo", "tenant-model",
                 "sk-acme-llm-0000aaaa", R"({"label":"acme"})");
    auto other = w.resolve("acme", "llm.chat", std::string("variant"));
    CHECK(other.provider == "variant");
    CHECK(other.provider_source == Source::kOverride);
    CHECK(other.model == "variant-default");
    CHECK(other.api_key.empty());  // acme's c-echo key never goes to variant
    CHECK(other.instance_config["label"] == "from-registry");
    CHECK(other.tenant_config_id == 0);

    auto same = w.resolve("acme", "llm.chat", std::string("c-echo"));
    CHECK(same.provider_source == Source::kOverride);
    CHECK(same.model == "tenant-model");
    CHECK(same.api_key.reveal() == "sk-acme-llm-0000aaaa");
    CHECK(same.instance_config["label"] == "acme");
  }
}

TEST_CASE("an inactive row is ignored") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    int64_t id = w.set_config("acme", "transcription", "deepgram", "tenant-stt",
                              "dg-tenant-key-999888777");
    CHECK(w.resolve("acme", "audio.transcribe").model == "tenant-stt");
    {
      storage::Connection c = w.db->db().connect();
      REQUIRE(storage::TenantAiConfigRepository(c).deactivate("acme", id, 3));
    }
    w.store->invalidate("acme");
    auto r = w.resolve("acme", "audio.transcribe");
    CHECK(r.model == "service-stt-model");
    CHECK(r.api_key.reveal() == "dg-service-key-000111222333");
    CHECK(r.key_source == Source::kService);
  }
}

TEST_CASE("tenant B never resolves tenant A's configuration or key") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.add_tenant("globex");
    w.set_config("acme", "transcription", "deepgram", "acme-stt",
                 "dg-acme-secret-key-4242");
    w.set_config("acme", "llm", "c-echo", "acme-llm", "sk-acme-llm-0000aaaa");
    auto b = w.resolve("globex", "audio.transcribe");
    CHECK(b.model == "service-stt-model");
    CHECK(b.api_key.reveal() == "dg-service-key-000111222333");
    // globex has no key for c-echo at any level.
    try {
      w.resolve("globex", "llm.chat");
      FAIL("globex resolved a c-echo key");
    } catch (const routing::RoutingError& e) {
      CHECK(e.code() == "provider_key_missing");
    }
    CHECK(w.resolve("acme", "llm.chat").api_key.reveal() ==
          "sk-acme-llm-0000aaaa");
  }
}

TEST_CASE(
    "a remembered resolution is the same answer, per request and "
    "snapshot") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    w.add_tenant("globex");
    w.set_config("acme", "llm", "c-echo", "acme-llm", "sk-acme-llm-0000aaaa",
                 R"({"label":"acme"})");
    const auto first = w.resolve("acme", "llm.chat");
    const auto again = w.resolve("acme", "llm.chat");
    CHECK(again.api_key.reveal() == "sk-acme-llm-0000aaaa");
    CHECK(again.instance_config == first.instance_config);
    CHECK(again.config_hash == first.config_hash);
    CHECK(again.registry == first.registry);
    // Each tenant, override and feature has its own answer.
    CHECK(w.resolve("acme", "llm.chat", std::string("variant")).provider ==
          "variant");
    CHECK(w.resolve("acme", "llm.chat").provider == "c-echo");
    CHECK_THROWS_AS(w.resolve("globex", "llm.chat"), routing::RoutingError);
    CHECK(w.resolver
              ->resolve(
                  {"acme", "llm.chat", std::nullopt, std::string("summary")})
              .model == "acme-llm");
    CHECK(w.resolver->remembered() == 3);  // refusals are not kept
    // A new tenant snapshot (a rotated key) and a new registry snapshot are
    // each resolved afresh, and what was kept for the old ones let go of.
    w.set_config("acme", "llm", "c-echo", "acme-llm", "sk-acme-llm-1111bbbb",
                 R"({"label":"acme"})");
    w.store->invalidate("acme");
    CHECK(w.resolve("acme", "llm.chat").api_key.reveal() ==
          "sk-acme-llm-1111bbbb");
    CHECK(w.resolver->remembered() == 1);
    CHECK(w.resolve("acme", "llm.chat", std::string("variant")).provider ==
          "variant");
    CHECK(w.resolver->remembered() == 2);
    REQUIRE(w.registry->reload().ok);
    const auto reloaded = w.resolve("acme", "llm.chat");
    CHECK(reloaded.registry != first.registry);
    CHECK(reloaded.api_key.reveal() == "sk-acme-llm-1111bbbb");
    CHECK(w.resolver->remembered() == 1);
  }
}
