// Every refusal of the cascade, with its stable code, and no key in any
// message.
#include <catch2/catch.hpp>

#include "routing/routing_error.hpp"
#include "routing_fixture.hpp"
#include "security/base64.hpp"
#include "storage/tenant_feature_repository.hpp"
#include "storage/tenant_repository.hpp"

using namespace aihost;
using aihost::testing::RoutingWorld;

namespace {

routing::RoutingError refusal(RoutingWorld& w, const std::string& tenant,
                              const std::string& capability,
                              std::optional<std::string> provider = {},
                              std::optional<std::string> feature = {}) {
  try {
    w.resolve(tenant, capability, provider, feature);
  } catch (const routing::RoutingError& e) {
    return e;
  }
  FAIL("resolved instead of refusing");
  throw;
}

void set_features(RoutingWorld& w, storage::TenantFeatures f) {
  storage::Connection c = w.db->db().connect();
  storage::TenantFeatureRepository(c).upsert(f, 5);
  w.store->invalidate(f.tenant_id);
}

}  // namespace

TEST_CASE("a feature switched off for the tenant refuses its capability") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    // Defaults: PII redaction is off for a tenant until enabled.
    CHECK(refusal(w, "acme", "pii.redact").code() == "feature_disabled");
    storage::TenantFeatures f;
    f.tenant_id = "acme";
    f.pii_redaction_enabled = true;
    f.transcription_enabled = false;
    f.coaching_enabled = false;
    set_features(w, f);
    CHECK(w.resolve("acme", "pii.redact").provider == "local-pii");
    auto e = refusal(w, "acme", "audio.transcribe");
    CHECK(e.code() == "feature_disabled");
    CHECK(std::string(e.what()).find("transcription") != std::string::npos);
    CHECK(refusal(w, "acme", "llm.chat", std::nullopt, "coaching").code() ==
          "feature_disabled");
    CHECK(w.resolve("acme", "llm.chat", std::string("variant"),
                    std::string("summary"))
              .provider == "variant");
  }
}

TEST_CASE("a feature switched off for the service refuses every tenant") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine, {{"AI_FEATURE_TRANSCRIPTION", "false"}});
    w.add_tenant("acme");
    auto e = refusal(w, "acme", "audio.transcribe");
    CHECK(e.code() == "feature_disabled");
    CHECK(std::string(e.what()).find("AI_FEATURE") != std::string::npos);
  }
}

TEST_CASE("nothing configured at any level") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    // The service's default names a provider this registry does not have.
    RoutingWorld w(engine, {{"AI_DEFAULT_LLM_PROVIDER", "openai"}});
    w.add_tenant("acme");
    CHECK(refusal(w, "acme", "llm.chat").code() == "provider_not_configured");
    // An explicit choice of a missing provider is unavailable, not
    // unconfigured.
    CHECK(refusal(w, "acme", "llm.chat", std::string("openai")).code() ==
          "provider_unavailable");
  }
}

TEST_CASE("providers the registry cannot serve are unavailable") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    for (std::string p : {"ghost", "sleepy", "nobody", "deepgram"}) {
      CAPTURE(p);
      CHECK(refusal(w, "acme", "llm.chat", p).code() == "provider_unavailable");
    }
    // A tenant row naming a refused plugin is refused the same way.
    w.set_config("acme", "llm", "ghost", "m", "sk-ghost-key-00001111");
    CHECK(refusal(w, "acme", "llm.chat").code() == "provider_unavailable");
  }
}

TEST_CASE("a provider with an upstream and no key anywhere") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine, {{"AI_DEEPGRAM_API_KEY", ""}});
    w.add_tenant("acme");
    CHECK(refusal(w, "acme", "audio.transcribe").code() ==
          "provider_key_missing");
    CHECK(refusal(w, "acme", "llm.chat").code() == "provider_key_missing");
  }
}

TEST_CASE("a tampered or foreign ciphertext is key_decrypt_failed") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    int64_t id =
        w.set_config("acme", "llm", "c-echo", "m", "sk-acme-llm-0000aaaa");
    std::string original;
    {
      storage::Connection c = w.db->db().connect();
      original = *storage::TenantAiConfigRepository(c)
                      .find("acme", id)
                      ->api_key_ciphertext;
    }
    auto replace = [&](const std::string& text) {
      storage::Connection c = w.db->db().connect();
      storage::TenantAiConfigRepository repo(c);
      auto now = *repo.find("acme", id)->api_key_ciphertext;
      REQUIRE(repo.replace_key("acme", id, now, text, 4));
      w.store->invalidate("acme");
    };
    // Flip one byte of the sealed payload.
    auto colon = original.rfind(':');
    auto raw = *security::base64_decode(original.substr(colon + 1));
    raw[raw.size() / 2] ^= 0x01;
    replace(original.substr(0, colon + 1) + security::base64_encode(raw));
    auto tampered = refusal(w, "acme", "llm.chat");
    CHECK(tampered.code() == "key_decrypt_failed");
    CHECK(tampered.detail() == "key_decrypt_failed");

    replace("v1:k9:" + original.substr(colon + 1));
    auto foreign = refusal(w, "acme", "llm.chat");
    CHECK(foreign.code() == "key_decrypt_failed");
    CHECK(foreign.detail() == "unknown_key_id");

    replace("not a ciphertext");
    CHECK(refusal(w, "acme", "llm.chat").detail() == "malformed_ciphertext");
    CHECK(std::string(tampered.what()).find("sk-acme") == std::string::npos);
  }
}

TEST_CASE("unknown or deactivated tenants and unknown capabilities") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    RoutingWorld w(engine);
    w.add_tenant("acme");
    CHECK(refusal(w, "nobody", "llm.chat").code() == "tenant_not_found");
    CHECK(refusal(w, "acme", "video.render").code() == "unknown_capability");
    {
      storage::Connection c = w.db->db().connect();
      storage::TenantRepository(c).set_active("acme", false, 9);
    }
    w.store->invalidate("acme");
    CHECK(refusal(w, "acme", "llm.chat").code() == "tenant_inactive");
  }
}
