// Masked display of stored provider keys.
#include "security/key_mask.hpp"

#include <catch2/catch.hpp>

using aihost::security::mask_key;

TEST_CASE("masking keeps a vendor prefix and the last four",
          "[security][mask]") {
  CHECK(mask_key("sk-proj-abcdefghijklmnop-wxyz") == "sk-\xE2\x80\xA6wxyz");
  CHECK(mask_key("sk-abcdefghijkl1234") ==
        "sk-\xE2\x80\xA6"
        "1234");
  // Deepgram keys are bare hex: no prefix to keep.
  CHECK(mask_key("3f0c9a1e7d2b4c6a8e0f1a2b3c4d5e6f7a8b9c0d") ==
        "\xE2\x80\xA6"
        "9c0d");
  // Something before the first '-' that is long or not alphanumeric could be
  // secret, so it is not shown.
  CHECK(mask_key("secretpart-abcdefgh1234") ==
        "\xE2\x80\xA6"
        "1234");
  CHECK(mask_key("s+k-abcdefgh12345") ==
        "\xE2\x80\xA6"
        "2345");
  CHECK(mask_key("-abcdefghijk9876") ==
        "\xE2\x80\xA6"
        "9876");
}

TEST_CASE("short keys are masked entirely", "[security][mask]") {
  CHECK(mask_key("") == "\xE2\x80\xA6");
  CHECK(mask_key("sk-12345678") == "\xE2\x80\xA6");
  CHECK(mask_key("sk-123456789") ==
        "sk-\xE2\x80\xA6"
        "6789");
}
