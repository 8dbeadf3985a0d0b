#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>

#include "storage/sql_dialect.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/tenant_api_key_repository.hpp"
#include "storage/tenant_feature_repository.hpp"
#include "storage/tenant_repository.hpp"
#include "storage/transaction.hpp"
#include "test_databases.hpp"

using namespace aihost::storage;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const StorageError& e) {
    return e.code();
  }
  return "";
}

}  // namespace

TEST_CASE("tenants: create, read, list, deactivate") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    TenantRepository tenants(c);

    tenants.create("acme", "Acme Calls Ltd", 1000);
    tenants.create("globex", "Globex", 2000);
    auto acme = tenants.find("acme");
    REQUIRE(acme);
    CHECK(acme->name == "Acme Calls Ltd");
    CHECK(acme->active);
    CHECK(acme->created_at_ms == 1000);
    CHECK_FALSE(tenants.find("nobody"));

    CHECK(code_of([&] { tenants.create("acme", "again", 3000); }) ==
          "storage.conflict");
    CHECK(code_of([&] { tenants.create("", "nameless", 3000); }) ==
          "storage.invalid");

    CHECK(tenants.set_active("globex", false, 4000));
    CHECK_FALSE(tenants.set_active("nobody", false, 4000));
    CHECK(tenants.list(false).size() == 1);
    auto all = tenants.list(true);
    REQUIRE(all.size() == 2);
    CHECK(all[1].id == "globex");
    CHECK_FALSE(all[1].active);
    CHECK(all[1].updated_at_ms == 4000);
  }
}

TEST_CASE("tenant API keys: stored by hash, found while live, revoked") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    TenantRepository(c).create("acme", "Acme", 1);
    TenantApiKeyRepository keys(c);

    int64_t id = keys.insert("acme", "ak_3f9c", "hash-one", "ci", 10);
    keys.insert("acme", "ak_77aa", "hash-two", "", 11);
    auto found = keys.find_active_by_hash("hash-one");
    REQUIRE(found);
    CHECK(found->id == id);
    CHECK(found->tenant_id == "acme");
    CHECK(found->key_prefix == "ak_3f9c");
    CHECK(found->label == "ci");
    CHECK_FALSE(found->revoked_at_ms);
    CHECK_FALSE(keys.find_active_by_hash("hash-unknown"));

    CHECK(code_of([&] { keys.insert("acme", "ak_x", "hash-one", "", 12); }) ==
          "storage.conflict");

    CHECK(keys.revoke("acme", id, 20));
    CHECK_FALSE(keys.revoke("acme", id, 21));  // once
    CHECK_FALSE(keys.find_active_by_hash("hash-one"));
    auto listed = keys.list("acme");
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].revoked_at_ms == 20);

    // A deactivated tenant's keys stop authenticating.
    CHECK(keys.find_active_by_hash("hash-two"));
    TenantRepository(c).set_active("acme", false, 30);
    CHECK_FALSE(keys.find_active_by_hash("hash-two"));
  }
}

TEST_CASE("provider configs: one active per capability, history kept") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    TenantRepository(c).create("acme", "Acme", 1);
    TenantAiConfigRepository configs(c);

    TenantAiConfig first;
    first.tenant_id = "acme";
    first.provider_type = "transcription";
    first.provider_name = "deepgram";
    first.model = "nova-3";
    first.api_key_ciphertext = "v1:k1:bm9uY2U=:Y2lwaGVy";
    first.config_json = R"({"language":"en","diarize":true})";
    int64_t first_id = 0;
    {
      Transaction tx(c);
      first_id = configs.replace_active(first, 100);
      tx.commit();
    }
    TenantAiConfig second = first;
    second.provider_name = "openai";
    second.model = "gpt-4o-transcribe";
    second.api_key_ciphertext.reset();
    second.config_json = "{}";
    int64_t second_id = 0;
    {
      Transaction tx(c);
      second_id = configs.replace_active(second, 200);
      tx.commit();
    }
    TenantAiConfig llm = first;
    llm.provider_type = "llm";
    llm.provider_name = "openai";
    {
      Transaction tx(c);
      configs.replace_active(llm, 300);
      tx.commit();
    }

    auto active = configs.find_active("acme", "transcription");
    REQUIRE(active);
    CHECK(active->id == second_id);
    CHECK(active->provider_name == "openai");
    CHECK_FALSE(active->api_key_ciphertext);
    auto old = configs.find("acme", first_id);
    REQUIRE(old);
    CHECK_FALSE(old->active);
    CHECK(old->api_key_ciphertext == first.api_key_ciphertext);
    CHECK(nlohmann::json::parse(old->config_json) ==
          nlohmann::json::parse(first.config_json));
    CHECK(configs.list("acme").size() == 3);

    CHECK(configs.deactivate("acme", second_id, 400));
    CHECK_FALSE(configs.deactivate("acme", second_id, 401));
    CHECK_FALSE(configs.find_active("acme", "transcription"));
    CHECK(configs.find_active("acme", "llm"));

    // The unique partial index holds the one-active rule even for a
    // writer that skips replace_active's deactivation.
    std::string empty = "{}";
    CHECK_THROWS(c.session() << sql(engine,
                                    "INSERT INTO tenant_ai_configs "
                                    "(tenant_id, provider_type, "
                                    "provider_name, config, is_active, "
                                    "created_at, updated_at) VALUES ('acme', "
                                    "'llm', 'other', ?json, ?, 1, 1)"),
                 Poco::Data::Keywords::bind(empty),
                 Poco::Data::Keywords::bind(true), Poco::Data::Keywords::now);
    CHECK(configs.list("acme").size() == 3);

    CHECK(code_of([&] {
            TenantAiConfig bad = first;
            bad.provider_type.clear();
            configs.replace_active(bad, 600);
          }) == "storage.invalid");
  }
}

TEST_CASE("provider keys: rotation pages through ciphertexts, CAS replace") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    TenantRepository(c).create("acme", "Acme", 1);
    TenantRepository(c).create("globex", "Globex", 1);
    TenantAiConfigRepository configs(c);
    for (int i = 0; i < 5; ++i) {
      TenantAiConfig cfg;
      cfg.tenant_id = i % 2 ? "globex" : "acme";
      cfg.provider_type = "type" + std::to_string(i);
      cfg.provider_name = "openai";
      if (i != 2) cfg.api_key_ciphertext = "old-" + std::to_string(i);
      configs.replace_active(cfg, 10);
    }
    auto page1 = configs.keys_after(0, 3);
    REQUIRE(page1.size() == 3);
    auto page2 = configs.keys_after(page1.back().config_id, 3);
    REQUIRE(page2.size() == 1);  // the keyless row is not listed
    CHECK(page2[0].ciphertext == "old-4");

    const StoredKey& k = page1[0];
    CHECK(configs.replace_key(k.tenant_id, k.config_id, k.ciphertext, "new-0",
                              20));
    // A stale expectation changes nothing.
    CHECK_FALSE(configs.replace_key(k.tenant_id, k.config_id, k.ciphertext,
                                    "newer", 21));
    CHECK(configs.find(k.tenant_id, k.config_id)->api_key_ciphertext ==
          "new-0");
  }
}

TEST_CASE("tenant features: defaults absent, upsert, validation") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    TenantRepository(c).create("acme", "Acme", 1);
    TenantFeatureRepository features(c);
    CHECK_FALSE(features.find("acme"));

    TenantFeatures f;
    f.tenant_id = "acme";
    f.pii_redaction_enabled = true;
    f.coaching_enabled = true;
    f.pii_entity_types = {"PERSON", "PHONE_NUMBER", "CREDIT_CARD"};
    f.pii_confidence_threshold = 0.65;
    f.max_audio_duration_seconds = 5400;
    f.max_concurrent_jobs = 7;
    f.monthly_budget_micros = 250'000'000;
    f.cost_alert_thresholds = {25, 75, 100};
    features.upsert(f, 100);

    auto got = features.find("acme");
    REQUIRE(got);
    CHECK(got->transcription_enabled);
    CHECK(got->pii_redaction_enabled);
    CHECK(got->summary_enabled);
    CHECK(got->coaching_enabled);
    CHECK(got->pii_entity_types == f.pii_entity_types);
    CHECK(got->pii_confidence_threshold == Approx(0.65));
    CHECK(got->max_audio_duration_seconds == 5400);
    CHECK(got->max_concurrent_jobs == 7);
    CHECK(got->monthly_budget_micros == 250'000'000);
    CHECK(got->cost_alert_thresholds == std::vector<int>{25, 75, 100});
    CHECK(got->updated_at_ms == 100);

    f.summary_enabled = false;
    f.monthly_budget_micros.reset();
    features.upsert(f, 200);
    got = features.find("acme");
    REQUIRE(got);
    CHECK_FALSE(got->summary_enabled);
    CHECK_FALSE(got->monthly_budget_micros);

    for (auto breaker : std::vector<std::function<void(TenantFeatures&)>>{
             [](TenantFeatures& x) { x.pii_confidence_threshold = 1.5; },
             [](TenantFeatures& x) { x.max_concurrent_jobs = 0; },
             [](TenantFeatures& x) { x.max_audio_duration_seconds = -1; },
             [](TenantFeatures& x) { x.monthly_budget_micros = -5; },
             [](TenantFeatures& x) { x.cost_alert_thresholds = {0}; }}) {
      TenantFeatures bad = f;
      breaker(bad);
      CHECK(code_of([&] { features.upsert(bad, 300); }) == "storage.invalid");
    }
    // Features of a tenant that does not exist break the foreign key.
    TenantFeatures orphan = f;
    orphan.tenant_id = "ghost";
    CHECK(code_of([&] { features.upsert(orphan, 300); }) == "storage.conflict");
    CHECK(features.remove("acme"));
    CHECK_FALSE(features.find("acme"));
  }
}
