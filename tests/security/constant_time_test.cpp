// Constant-time comparison used for admin tokens and key hashes.
#include "security/constant_time.hpp"

#include <catch2/catch.hpp>

using namespace aihost::security;

TEST_CASE("byte comparison", "[security][ct]") {
  CHECK(constant_time_equal_bytes("", ""));
  CHECK(constant_time_equal_bytes("abc", "abc"));
  CHECK_FALSE(constant_time_equal_bytes("abc", "abd"));
  CHECK_FALSE(constant_time_equal_bytes("abc", "ab"));
  CHECK_FALSE(constant_time_equal_bytes(std::string("a\0b", 3),
                                        std::string("a\0c", 3)));
}

TEST_CASE("token comparison of any lengths", "[security][ct]") {
  const std::string token = "admin-token-0f9e8d7c6b5a4938";
  CHECK(constant_time_equal(token, token));
  CHECK_FALSE(constant_time_equal(token.substr(0, 10), token));
  CHECK_FALSE(constant_time_equal(token + "x", token));
  CHECK_FALSE(constant_time_equal("", token));
  std::string flipped = token;
  flipped[0] ^= 1;
  CHECK_FALSE(constant_time_equal(flipped, token));
}
