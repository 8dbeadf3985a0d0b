// AI_ENCRYPTION_KEYS parsing: accepted forms and every refusal.
#include "security/master_keys.hpp"
#include "security/base64.hpp"
#include "security/security_error.hpp"
#include "test_keys.hpp"

#include <catch2/catch.hpp>

using namespace aihost::security;
using aihost::testing::master_entry;

namespace {

std::string refusal(const std::string& spec) {
  try {
    KeyRing::parse(spec);
  } catch (const SecurityError& e) {
    CHECK(e.code() == codes::kBadMasterKeys);
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("several master keys, the first is current", "[security][keys]") {
  std::string spec = " ";
  spec += master_entry("2026-11", 'b');
  spec += " , ";
  spec += master_entry("2026_05.a", 'a');
  auto ring = KeyRing::parse(spec);
  CHECK(ring.size() == 2);
  CHECK(ring.current().id == "2026-11");
  CHECK(ring.current().bytes.reveal() == std::string(32, 'b'));
  REQUIRE(ring.find("2026_05.a"));
  CHECK(ring.find("2026_05.a")->bytes.reveal() == std::string(32, 'a'));
  CHECK(ring.find("k3") == nullptr);
  CHECK(ring.ids() == std::vector<std::string>{"2026-11", "2026_05.a"});
}

TEST_CASE("bad AI_ENCRYPTION_KEYS forms are refused with the reason",
          "[security][keys]") {
  const std::string good = master_entry("k1", 'a');
  const std::string good_key = good.substr(3);
  std::string short_key = "k1:" + base64_encode(std::string(16, 'a'));

  CHECK_THAT(refusal(""), Catch::Contains("entry 1 is empty"));
  CHECK_THAT(refusal(good + ","), Catch::Contains("entry 2 is empty"));
  CHECK_THAT(refusal(base64_encode(std::string(32, 'a'))),
             Catch::Contains("no ':'"));
  CHECK_THAT(refusal(":" + good_key), Catch::Contains("invalid key id"));
  CHECK_THAT(refusal("k 1:" + good_key), Catch::Contains("invalid key id"));
  CHECK_THAT(refusal(std::string(33, 'k') + ":" + good_key),
             Catch::Contains("invalid key id"));
  CHECK_THAT(refusal("k1:not base64!"), Catch::Contains("not valid base64"));
  CHECK_THAT(refusal(short_key), Catch::Contains("16 bytes, not 32"));
  CHECK_THAT(refusal(good + "," + master_entry("k1", 'b')),
             Catch::Contains("repeats a key id"));

  // Every refusal names the variable and says how to make a key.
  std::string msg = refusal(short_key);
  CHECK_THAT(msg, Catch::Contains("AI_ENCRYPTION_KEYS"));
  CHECK_THAT(msg, Catch::Contains("openssl rand -base64 32"));
  // ... and never repeats the key material.
  CHECK(msg.find(short_key.substr(3)) == std::string::npos);
}

TEST_CASE("a generated entry parses as a master key", "[security][keys]") {
  std::string a = generate_master_key_entry("k7");
  std::string b = generate_master_key_entry("k7");
  CHECK(a != b);
  auto ring = KeyRing::parse(a);
  CHECK(ring.current().id == "k7");
  CHECK(ring.current().bytes.size() == 32);
  CHECK_THROWS_AS(generate_master_key_entry("bad id"), SecurityError);
}
