// Tenant API keys: issued once, stored only as a peppered hash, verified by
// public id and secret.
#include "security/tenant_api_key.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace aihost::security;

namespace {
const std::string kPepper = "pepper-for-tests-0123456789";
}

TEST_CASE("an issued key has the documented shape", "[security][tenant]") {
  auto issued = issue_tenant_key(kPepper);
  const std::string& key = issued.key.reveal();
  CHECK(key.size() == 4 + 16 + 1 + 52);
  CHECK(key.rfind("aih_" + issued.public_id + "_", 0) == 0);
  CHECK(issued.display == "aih_" + issued.public_id + "_\xE2\x80\xA6");
  CHECK(issued.hash.rfind("h1:", 0) == 0);
  CHECK(issued.hash.size() == 3 + 64);
  // The stored hash reveals nothing of the secret.
  CHECK(issued.hash.find(key.substr(21, 12)) == std::string::npos);

  auto parsed = parse_tenant_key(key);
  REQUIRE(parsed);
  CHECK(parsed->public_id == issued.public_id);
  CHECK(hash_tenant_key_secret(parsed->secret.reveal(), kPepper) ==
        issued.hash);
}

TEST_CASE("keys are unique", "[security][tenant]") {
  std::set<std::string> ids, keys;
  for (int i = 0; i < 200; ++i) {
    auto k = issue_tenant_key(kPepper);
    ids.insert(k.public_id);
    keys.insert(k.key.reveal());
  }
  CHECK(ids.size() == 200);
  CHECK(keys.size() == 200);
}

TEST_CASE("verification accepts only the issued key", "[security][tenant]") {
  auto issued = issue_tenant_key(kPepper);
  const std::string key = issued.key.reveal();
  CHECK(verify_tenant_key(key, issued.hash, kPepper));

  SECTION("a different pepper") {
    CHECK_FALSE(verify_tenant_key(key, issued.hash, "another-pepper"));
  }
  SECTION("one changed character in the secret") {
    std::string bad = key;
    bad.back() = bad.back() == 'a' ? 'b' : 'a';
    CHECK_FALSE(verify_tenant_key(bad, issued.hash, kPepper));
  }
  SECTION("another tenant key's hash") {
    auto other = issue_tenant_key(kPepper);
    CHECK_FALSE(verify_tenant_key(key, other.hash, kPepper));
  }
  SECTION("a damaged stored hash") {
    CHECK_FALSE(verify_tenant_key(key, issued.hash.substr(1), kPepper));
    CHECK_FALSE(verify_tenant_key(key, "", kPepper));
  }
  SECTION("malformed presented keys") {
    for (const std::string& bad :
         {std::string(), key.substr(1), key + "a", "aih-" + key.substr(4),
          key.substr(0, 20) + "-" + key.substr(21),
          key.substr(0, 25) + "A" + key.substr(26),
          key.substr(0, 25) + "1" + key.substr(26),
          key.substr(0, 25) + "_" + key.substr(26)}) {
      INFO(bad);
      CHECK_FALSE(parse_tenant_key(bad));
      CHECK_FALSE(verify_tenant_key(bad, issued.hash, kPepper));
    }
  }
}

TEST_CASE("the hash is keyed by the pepper", "[security][tenant]") {
  std::string secret(52, 'q');
  CHECK(hash_tenant_key_secret(secret, "p1") !=
        hash_tenant_key_secret(secret, "p2"));
  CHECK(hash_tenant_key_secret(secret, "p1") ==
        hash_tenant_key_secret(secret, "p1"));
  // An empty pepper is still a keyed hash (HMAC with an empty key).
  CHECK(hash_tenant_key_secret(secret, "").size() == 67);
}
