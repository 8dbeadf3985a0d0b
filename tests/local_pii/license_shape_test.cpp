// The hand-written licence matcher against the RE2 pattern it replaced,
// anchored at every word start of texts built from the phrase's pieces and
// cut at every window end.
#include "license_shape.hpp"

#include <re2/re2.h>
#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace aihost::local_pii;

namespace {

// The pattern the licence recogniser ran before; license_shape.hpp must
// agree with it everywhere.
const RE2& reference() {
  static const RE2 re(
      "\\b(?:driver'?s?|driving|d l|dl) ?(?:licen[cs]e|lic|number|no|#)?"
      "(?: ?(?:number|no|num|#))?(?: (?:is|was|it's|its))?:? ?"
      "(?:uh |um )?"
      "([a-z]{1,2}[ -]?[0-9]{4,14}|[0-9]{6,14}|[0-9]{3}[ -][0-9]{3}[ -]"
      "[0-9]{3,4})\\b");
  return re;
}

bool word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Empty when both agree at p with the window ending at `to`.
std::string compare(std::string_view s, size_t p, size_t to) {
  re2::StringPiece g[2];
  size_t b = 0, e = 0;
  bool want = reference().Match(s, p, to, RE2::ANCHOR_START, g, 2);
  bool got = license_at(s, p, to, b, e);
  if (want != got) return want ? "missed" : "extra";
  if (!want) return "";
  size_t gb = static_cast<size_t>(g[1].data() - s.data());
  if (b != gb || e != gb + g[1].size()) return "span";
  if (g[0].data() + g[0].size() != g[1].data() + g[1].size()) return "end";
  return "";
}

void compare_everywhere(std::string_view s) {
  for (size_t p = 0; p < s.size(); ++p) {
    if (p > 0 && word(s[p - 1])) continue;
    for (size_t to = p; to <= s.size(); ++to) {
      INFO("'" << s << "' at " << p << " to " << to);
      CHECK(compare(s, p, to) == "");
    }
  }
}

std::string random_text(std::mt19937& rng, size_t pieces) {
  static const std::string kPieces[] = {"driver",  "'",    "s",
                                        "driving", "d l",  "dl",
                                        " ",       " ",    "lic",
                                        "ence",    "ense", "number",
                                        "no",      "num",  "#",
                                        " is",     " was", " it's",
                                        " its",    ":",    "uh ",
                                        "um ",     "d",    "x",
                                        "1",       "23",   "4567",
                                        "123456",  "-",    "_",
                                        "é",       "ab",   "1234567890123",
                                        "0000"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (size_t i = 0; i < pieces; ++i) s += kPieces[pick(rng)];
  return s;
}

}  // namespace

TEST_CASE("licence phrases match as the RE2 pattern did", "[license][shapes]") {
  const char* kTexts[] = {
      "driver's license number is d1234567",
      "drivers license no: 123456789",
      "driver's licence # ab-12345",
      "dl 12345678, his dl 87654321",
      "d l number uh 123 456 7890",
      "driving licence 123-456-789",
      "driver' lic num its x 1234",
      "dl number 12345",
      "dl no 123456789012345",
      "dl 1234567_",
      "driver is 1234567",
      "dl ab 1234é",
  };
  for (std::string_view t : kTexts) compare_everywhere(t);
}

TEST_CASE("licence phrases agree with RE2 on random texts",
          "[license][shapes]") {
  std::mt19937 rng(20261204);
  for (int round = 0; round < 1500; ++round)
    compare_everywhere(random_text(rng, 3 + static_cast<size_t>(round % 9)));
}
