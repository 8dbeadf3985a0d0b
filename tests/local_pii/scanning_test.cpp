// The skip-fast searches against a byte-by-byte reference, and the places
// where skipping could lose a finding: entities at the very start or end of
// the text, next to non-ASCII bytes, or close to one another.
#include "byte_scan.hpp"
#include "find_helpers.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace aihost::local_pii;
using namespace aihost::local_pii::testing;

namespace {

size_t naive_digit(std::string_view s, size_t pos) {
  for (; pos < s.size(); ++pos)
    if (s[pos] >= '0' && s[pos] <= '9') return pos;
  return s.size();
}

size_t naive_of(std::string_view s, size_t pos, std::string_view set) {
  for (; pos < s.size(); ++pos)
    if (set.find(s[pos]) != std::string_view::npos) return pos;
  return s.size();
}

size_t naive_word_start(std::string_view s, size_t pos,
                        std::string_view letters) {
  for (; pos < s.size(); ++pos)
    if ((pos == 0 || !scan::is_word(s[pos - 1])) &&
        letters.find(s[pos]) != std::string_view::npos)
      return pos;
  return s.size();
}

// Texts that mix what the searches look for with what they must skip:
// letters, digits, '_', separators and multi-byte UTF-8.
std::string random_text(std::mt19937& rng, size_t n) {
  static const std::string pieces[] = {"a", "m",  "s", "t", "x",    "_",
                                       "0", "7",  "9", " ", "@",    ":",
                                       ".", "\n", "é", "—", "\xff", "/"};
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  std::string s;
  while (s.size() < n) s += pieces[pick(rng)];
  s.resize(n);  // may cut a code point: the searches work on bytes
  return s;
}

}  // namespace

TEST_CASE("skip-fast searches agree with a byte-by-byte search", "[scanning]") {
  std::mt19937 rng(20261124);
  for (int round = 0; round < 300; ++round) {
    std::string s = random_text(rng, static_cast<size_t>(round % 70));
    for (size_t pos = 0; pos <= s.size(); ++pos) {
      INFO("text " << round << " from " << pos);
      CHECK(scan::next_digit(s, pos) == naive_digit(s, pos));
      CHECK(scan::next_of(s, pos, '@', ':', '.') == naive_of(s, pos, "@:."));
      CHECK(scan::next_word_start(s, pos, "mst") ==
            naive_word_start(s, pos, "mst"));
    }
  }
}

TEST_CASE("entities at the edges of the text are found", "[scanning]") {
  CHECK(hits("+44 20 7946 0958") == one("PHONE_NUMBER", "+44 20 7946 0958"));
  CHECK(hits("(415) 555-0123") == one("PHONE_NUMBER", "(415) 555-0123"));
  CHECK(hits("03/15/1985 is my date of birth") ==
        one("DATE_TIME", "03/15/1985"));
  CHECK(hits("born on 1985-03-15") == one("DATE_TIME", "1985-03-15"));
  CHECK(hits("my name is Ana Ruiz") == one("PERSON", "Ana Ruiz"));
  CHECK(hits("dl 12345678") == one("US_DRIVER_LICENSE", "12345678"));
  CHECK(hits("a@b.io") == one("EMAIL_ADDRESS", "a@b.io"));
}

TEST_CASE("triggers next to non-ASCII text still start a word", "[scanning]") {
  CHECK(hits("«my name is Ana Ruiz»") == one("PERSON", "Ana Ruiz"));
  CHECK(hits("—born March 3rd, 1985") == one("DATE_TIME", "March 3rd, 1985"));
  // Inside a word they do not: "dismay" holds "may", "enemy" holds "my".
  CHECK(hits("dismay 12 items").empty());
}

TEST_CASE("entities close together are each found", "[scanning]") {
  CHECK(hits("born 03/15/1985, married 04/16/2010") ==
        std::vector<Hit>{{"DATE_TIME", "03/15/1985"},
                         {"DATE_TIME", "04/16/2010"}});
  CHECK(hits("the 3rd of march 1985 or march 4th 1986") ==
        std::vector<Hit>{{"DATE_TIME", "3rd of march 1985"},
                         {"DATE_TIME", "march 4th 1986"}});
  CHECK(hits("dl 12345678, his dl 87654321") ==
        std::vector<Hit>{{"US_DRIVER_LICENSE", "12345678"},
                         {"US_DRIVER_LICENSE", "87654321"}});
  // A date far from any other digit, after a long run of prose.
  std::string prose(5000, 'x');
  for (size_t i = 7; i < prose.size(); i += 8) prose[i] = ' ';
  CHECK(hits(prose + " born march 3rd 1985") ==
        one("DATE_TIME", "march 3rd 1985"));
  CHECK(hits(prose + " my name is Ana Ruiz") == one("PERSON", "Ana Ruiz"));
}

TEST_CASE("dates are found at every offset of the sixteen-byte blocks",
          "[scanning][date]") {
  // The date anchors are marked sixteen bytes at a time and the last bytes
  // of a text byte by byte: slide each date across both, with multi-byte
  // UTF-8 right before and after it, and check the span in the original.
  const char* kDates[] = {"03/15/1985", "1985-03-15", "march 3rd, 1985",
                          "3rd of march 1985", "12.05.2021"};
  for (std::string_view date : kDates)
    for (size_t pad = 0; pad < 40; ++pad)
      for (std::string_view edge : {"", " ", "é "}) {
        std::string text = std::string(pad, 'x') + " born " +
                           std::string(edge) + std::string(date) +
                           std::string(edge.empty() ? "" : " é");
        INFO(text);
        CHECK(hits(text) == one("DATE_TIME", std::string(date)));
        CHECK(hits(std::string(date) + std::string(pad + 1, ' ') + "ok") ==
              one("DATE_TIME", std::string(date)));
      }
}
