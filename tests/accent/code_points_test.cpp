// Code-point offsets (Presidio's, Python str indices) to UTF-8 bytes.
#include "code_points.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using aihost::accent::CodePointIndex;
using aihost::accent::valid_utf8;

TEST_CASE("code points map to byte offsets", "[accent][units]") {
  const std::string text = "aé中😀z";  // 1 + 2 + 3 + 4 + 1 bytes
  CodePointIndex idx(text);
  REQUIRE(idx.size() == 5);
  CHECK(idx.byte_offset(0) == 0);
  CHECK(idx.byte_offset(1) == 1);
  CHECK(idx.byte_offset(2) == 3);
  CHECK(idx.byte_offset(3) == 6);
  CHECK(idx.byte_offset(4) == 10);
  CHECK(idx.byte_offset(5) == 11);
  CHECK(idx.slice(3, 4) == "😀");
  CHECK(idx.slice(1, 3) == "é中");
  CHECK_THROWS_AS(idx.byte_offset(6), std::out_of_range);
  CHECK_THROWS_AS(idx.slice(4, 2), std::out_of_range);
}

TEST_CASE("empty text has one offset", "[accent][units]") {
  CodePointIndex idx("");
  CHECK(idx.size() == 0);
  CHECK(idx.byte_offset(0) == 0);
}

TEST_CASE("ill-formed UTF-8 is refused", "[accent][units]") {
  CHECK(valid_utf8("plain é 中 😀"));
  CHECK_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(valid_utf8("\xE4\xB8"));          // truncated
  CHECK_FALSE(valid_utf8("\x80"));              // stray continuation
  CHECK_THROWS_AS(CodePointIndex("ok\xFF"), std::invalid_argument);
}
