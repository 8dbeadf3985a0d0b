// Schema, tenants and tenant API keys through the operator commands.
#include <catch2/catch.hpp>

#include "operator_fixture.hpp"
#include "security/tenant_api_key.hpp"
#include "storage/tenant_api_key_repository.hpp"

using namespace aihost;
using aihost::testing::OperatorWorld;

TEST_CASE("migrate is idempotent on a fresh and a current schema") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    auto again = w.run(cli::run_migrate, {"--json"});
    REQUIRE(again.exit == 0);
    CHECK(again.json()["applied"].empty());
    CHECK(again.json()["schema_version"].get<int>() >= 1);
    CHECK(w.run(cli::run_migrate, {}).out.find("current") != std::string::npos);
  }
}

TEST_CASE("tenants are created, listed, deactivated and refused clearly") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    auto made = w.run(cli::run_tenants, {"create", "Acme Corp", "--json"});
    REQUIRE(made.exit == 0);
    CHECK(made.json()["id"] == "acme-corp");
    CHECK(w.run(cli::run_tenants, {"create", "Globex", "--slug", "gx"}).exit ==
          0);

    auto dup = w.run(cli::run_tenants, {"create", "Acme Corp", "--json"});
    CHECK(dup.exit == 1);
    CHECK(dup.json()["error"]["code"] == "tenant_exists");
    auto bad = w.run(cli::run_tenants, {"create", "X", "--slug", "Bad Slug!"});
    CHECK(bad.exit == 1);
    CHECK(bad.err.find("invalid_slug") != std::string::npos);

    CHECK(w.run(cli::run_tenants, {"deactivate", "gx"}).exit == 0);
    auto active = w.run(cli::run_tenants, {"list", "--json"}).json();
    REQUIRE(active.size() == 1);
    CHECK(active[0]["id"] == "acme-corp");
    CHECK(w.run(cli::run_tenants, {"list", "--all", "--json"}).json().size() ==
          2);

    auto missing = w.run(cli::run_tenants, {"deactivate", "nobody", "--json"});
    CHECK(missing.exit == 1);
    CHECK(missing.json()["error"]["code"] == "tenant_not_found");
    CHECK(w.run(cli::run_tenants, {"frobnicate"}).exit == 2);
    CHECK(w.run(cli::run_tenants, {"create"}).exit == 2);
    CHECK(w.run(cli::run_tenants, {"list", "--bogus"}).exit == 2);
  }
}

TEST_CASE("a tenant API key is shown once and stored only as a hash") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    REQUIRE(
        w.run(cli::run_tenants, {"create", "Acme", "--slug", "acme"}).exit ==
        0);
    auto issued =
        w.run(cli::run_keys, {"issue", "acme", "--label", "ci", "--json"});
    REQUIRE(issued.exit == 0);
    const std::string key = issued.json()["key"];
    auto parsed = security::parse_tenant_key(key);
    REQUIRE(parsed);
    int64_t id = issued.json()["id"];

    // The stored row verifies the key, and neither the key nor its secret
    // part is anywhere in the database.
    {
      storage::Connection c = w.db->db().connect();
      auto rows = storage::TenantApiKeyRepository(c).list("acme");
      REQUIRE(rows.size() == 1);
      CHECK(security::verify_tenant_key(key, rows[0].key_hash,
                                        w.env["AI_API_KEY_PEPPER"]));
    }
    std::string stored = w.stored_bytes();
    CHECK(stored.find(parsed->secret.reveal()) == std::string::npos);
    CHECK(stored.find(parsed->public_id) != std::string::npos);

    // Listing never shows it again.
    auto listed = w.run(cli::run_keys, {"list", "acme", "--json"});
    REQUIRE(listed.exit == 0);
    CHECK(listed.out.find(parsed->secret.reveal()) == std::string::npos);
    CHECK(listed.json()[0]["revoked"] == false);

    CHECK(w.run(cli::run_keys, {"revoke", "globex", std::to_string(id)}).exit ==
          1);
    CHECK(w.run(cli::run_keys, {"revoke", "acme", std::to_string(id)}).exit ==
          0);
    auto twice =
        w.run(cli::run_keys, {"revoke", "acme", std::to_string(id), "--json"});
    CHECK(twice.json()["error"]["code"] == "key_not_found");
    CHECK(w.run(cli::run_keys, {"revoke", "acme", "x1"}).exit == 2);
    CHECK(
        w.run(cli::run_keys, {"list", "acme", "--json"}).json()[0]["revoked"] ==
        true);

    auto none = w.run(cli::run_keys, {"issue", "nobody", "--json"});
    CHECK(none.json()["error"]["code"] == "tenant_not_found");
    w.env.erase("AI_API_KEY_PEPPER");
    auto no_pepper = w.run(cli::run_keys, {"issue", "acme", "--json"});
    CHECK(no_pepper.exit == 1);
    CHECK(no_pepper.json()["error"]["code"] == "api_key_pepper_missing");
  }
}

TEST_CASE("keys generate prints a usable master key entry") {
  OperatorWorld w(storage::Engine::kSqlite);
  auto r = w.run(cli::run_keys, {"generate", "k7"});
  REQUIRE(r.exit == 0);
  std::string entry = r.out.substr(0, r.out.find('\n'));
  CHECK(entry.rfind("k7:", 0) == 0);
  CHECK(security::KeyRing::parse(entry).current().id == "k7");
  CHECK(w.run(cli::run_keys, {"generate", "bad id!"}).exit == 1);
  auto dated = w.run(cli::run_keys, {"generate", "--json"}).json();
  CHECK(security::KeyRing::parse(dated["entry"].get<std::string>()).size() ==
        1);
}
