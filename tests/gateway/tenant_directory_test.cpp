// TenantDirectory: keys and features from memory, within a TTL, with
// invalidation, and a bounded memory of unknown keys.
#include <catch2/catch.hpp>

#include <atomic>

#include "../governance/governance_fixtures.hpp"
#include "governance/tenant_directory.hpp"
#include "security/tenant_api_key.hpp"
#include "storage/tenant_api_key_repository.hpp"
#include "test_databases.hpp"

using namespace aihost;
using namespace aihost::governance;
using aihost::testing::add_tenant;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

const std::string kPepper = "directory-test-pepper-0011223344";

struct Rig {
  explicit Rig(storage::Engine engine, TenantDirectoryOptions options = {})
      : t(open_test_database(engine)),
        directory(t->db(), security::Secret(kPepper), options,
                  [this] { return now; }) {}

  // Issues a key for the tenant; returns the key and its row id.
  std::pair<std::string, int64_t> issue(const std::string& tenant) {
    auto key = security::issue_tenant_key(kPepper);
    storage::Connection c = t->db().connect();
    int64_t id = storage::TenantApiKeyRepository(c).insert(
        tenant, key.public_id, key.hash, "test", 1);
    return {key.key.reveal(), id};
  }
  void revoke(const std::string& tenant, int64_t id) {
    storage::Connection c = t->db().connect();
    REQUIRE(storage::TenantApiKeyRepository(c).revoke(tenant, id, 2));
  }

  std::unique_ptr<aihost::testing::TestDatabase> t;
  std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
  TenantDirectory directory;
};

}  // namespace

TEST_CASE("a tenant key resolves from memory until invalidated") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    Rig rig(engine);
    add_tenant(rig.t->db(), "acme", std::nullopt);
    add_tenant(rig.t->db(), "globex", std::nullopt);
    auto [acme_key, acme_id] = rig.issue("acme");
    auto [globex_key, globex_id] = rig.issue("globex");

    CHECK(rig.directory.tenant_for_key(acme_key) == "acme");
    CHECK(rig.directory.tenant_for_key(globex_key) == "globex");
    CHECK(rig.directory.key_loads() == 2);
    for (int i = 0; i < 10; ++i)
      CHECK(rig.directory.tenant_for_key(acme_key) == "acme");
    CHECK(rig.directory.key_loads() == 2);  // hits

    // Revoked in the database: served from memory until invalidated.
    rig.revoke("acme", acme_id);
    CHECK(rig.directory.tenant_for_key(acme_key) == "acme");
    rig.directory.invalidate("acme");
    CHECK_FALSE(rig.directory.tenant_for_key(acme_key));
    // The other tenant's entry survived the invalidation.
    CHECK(rig.directory.tenant_for_key(globex_key) == "globex");
    CHECK(rig.directory.key_loads() == 3);

    // Another process's revocation: seen once the TTL has passed.
    rig.revoke("globex", globex_id);
    rig.now += std::chrono::seconds(4);
    CHECK(rig.directory.tenant_for_key(globex_key) == "globex");
    rig.now += std::chrono::seconds(2);
    CHECK_FALSE(rig.directory.tenant_for_key(globex_key));
  }
}

TEST_CASE("unknown keys are remembered briefly, in bounded memory") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    TenantDirectoryOptions options;
    options.max_negative = 8;
    Rig rig(engine, options);
    add_tenant(rig.t->db(), "acme", std::nullopt);

    // Well-formed keys nobody issued.
    auto stranger = security::issue_tenant_key(kPepper).key.reveal();
    CHECK_FALSE(rig.directory.tenant_for_key(stranger));
    CHECK_FALSE(rig.directory.tenant_for_key(stranger));
    CHECK(rig.directory.key_loads() == 1);
    rig.now += std::chrono::seconds(3);  // past negative_ttl
    CHECK_FALSE(rig.directory.tenant_for_key(stranger));
    CHECK(rig.directory.key_loads() == 2);

    for (int i = 0; i < 100; ++i)
      CHECK_FALSE(rig.directory.tenant_for_key(
          security::issue_tenant_key(kPepper).key.reveal()));
    CHECK(rig.directory.negative_entries() <= 8);

    // Malformed keys cost no lookup at all.
    const uint64_t loads = rig.directory.key_loads();
    for (const char* bad : {"", "Bearer x", "aih_short_key", "sk-not-ours"})
      CHECK_FALSE(rig.directory.tenant_for_key(bad));
    CHECK(rig.directory.key_loads() == loads);

    // An inactive tenant's key does not authenticate.
    auto [key, id] = rig.issue("acme");
    (void)id;
    {
      storage::Connection c = rig.t->db().connect();
      storage::TenantRepository(c).set_active("acme", false, 3);
    }
    CHECK_FALSE(rig.directory.tenant_for_key(key));
  }
}

TEST_CASE("features come from memory; invalidate() shows a change") {
  for (auto engine : test_engines()) {
    CAPTURE(engine_name(engine));
    Rig rig(engine);
    add_tenant(rig.t->db(), "acme", 5'000'000);
    auto f = rig.directory.features("acme");
    CHECK(f->monthly_budget_micros == 5'000'000);
    CHECK(rig.directory.features("acme") == f);
    CHECK(rig.directory.feature_loads() == 1);

    {
      storage::Connection c = rig.t->db().connect();
      auto changed = *storage::TenantFeatureRepository(c).find("acme");
      changed.monthly_budget_micros = 9'000'000;
      storage::TenantFeatureRepository(c).upsert(changed, 5);
    }
    CHECK(rig.directory.features("acme")->monthly_budget_micros == 5'000'000);
    rig.directory.invalidate("acme");
    CHECK(rig.directory.features("acme")->monthly_budget_micros == 9'000'000);

    // No row: the defaults, and no budget.
    auto none = rig.directory.features("no-row");
    CHECK(none->tenant_id == "no-row");
    CHECK_FALSE(none->monthly_budget_micros);
    CHECK(none->transcription_enabled);

    rig.directory.invalidate_all();
    rig.directory.features("acme");
    CHECK(rig.directory.feature_loads() == 4);
  }
}
