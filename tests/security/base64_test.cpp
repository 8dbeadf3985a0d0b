// Strict base64: one textual form per byte string.
#include "security/base64.hpp"

#include <catch2/catch.hpp>

using aihost::security::base64_decode;
using aihost::security::base64_encode;

TEST_CASE("RFC 4648 test vectors", "[security][base64]") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    CHECK(base64_encode(plain) == encoded);
    CHECK(base64_decode(encoded) == std::string(plain));
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  CHECK(base64_decode(base64_encode(all)) == all);
}

TEST_CASE("non-canonical or damaged base64 is refused", "[security][base64]") {
  for (const char* bad : {"Zg", "Zg=", "Zh==", "Zm9=", "Z===", "=Zg=",
                          "Zg==Zg==", "Zm 9v", "Zm9v\n", "Zm-v", "Zm_v"}) {
    INFO(bad);
    CHECK_FALSE(base64_decode(bad));
  }
}
