// The hand-written date matcher against the RE2 pattern it replaced: same
// leftmost match, same parts, on random windows of texts built from date
// pieces, and on the edges the windows create (a date cut by the window
// end, a word boundary decided by a byte outside the window).
#include "date_shapes.hpp"

#include <re2/re2.h>
#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace aihost::local_pii;

namespace {

#define MONTH                                                          \
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
  "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

// The pattern the date recogniser ran before; date_shapes.hpp must agree
// with it everywhere.
const RE2& reference() {
  static const RE2 re(
      "\\b(([0-9]{1,2})([/.-])([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2}))\\b"
      "|\\b(([0-9]{4})-([0-9]{2})-([0-9]{2}))\\b"
      "|\\b(" MONTH
      "\\.? ([0-9]{1,2})(?:st|nd|rd|th)?(?:,? (?:of )?([0-9]{4}))?)\\b"
      "|\\b((?:the )?([0-9]{1,2})(?:st|nd|rd|th)? (?:of )?" MONTH
      "(?:,? ([0-9]{4}))?)\\b"
      "|\\b(([0-9]{2}) ([0-9]{2}) ((?:19|20)[0-9]{2}))\\b");
  return re;
}

std::string_view view(re2::StringPiece p) { return {p.data(), p.size()}; }

// The hand matcher's answer in the reference's terms, or a difference.
std::string compare(std::string_view s, size_t from, size_t to) {
  re2::StringPiece g[22];
  DateShape m;
  bool want = reference().Match(s, from, to, RE2::UNANCHORED, g, 22);
  bool got = next_date_shape(s, from, to, m);
  if (want != got) return want ? "missed" : "extra";
  if (!want) return "";
  size_t b = static_cast<size_t>(g[0].data() - s.data());
  if (m.begin != b || m.end != b + g[0].size()) return "span";
  using Form = DateShape::Form;
  auto same = [](std::string_view a, re2::StringPiece b) {
    return a == view(b) && (a.empty() || a.data() == b.data());
  };
  bool ok = false;
  if (!g[1].empty())
    ok = m.form == Form::kNumeric && same(m.first, g[2]) &&
         same(m.second, g[4]) && m.separator == g[3][0] && same(m.year, g[5]);
  else if (!g[6].empty())
    ok = m.form == Form::kIso && same(m.year, g[7]) && same(m.first, g[8]) &&
         same(m.second, g[9]);
  else if (!g[10].empty())
    ok = m.form == Form::kMonthFirst && same(m.first, g[12]) &&
         same(m.year, g[13]);
  else if (!g[14].empty())
    ok = m.form == Form::kDayFirst && same(m.first, g[15]) &&
         same(m.year, g[17]) &&
         m.article == (view(g[14]).substr(0, 4) == "the ");
  else if (!g[18].empty())
    ok = m.form == Form::kSpoken && same(m.first, g[19]) &&
         same(m.second, g[20]) && same(m.year, g[21]);
  return ok ? "" : "parts";
}

std::string random_text(std::mt19937& rng, size_t pieces) {
  static const std::string kPieces[] = {
      "0",    "1",    "2",    "3",     "9",   "19",  "20",   "12",
      "31",   "1985", "/",    ".",     "-",   " ",   " ",    " ",
      ",",    "the ", "of ",  "st",    "nd",  "rd",  "th",   "jan",
      "june", "jul",  "july", "march", "may", "sep", "sept", "september",
      "dec",  "x",    "_",    "é",     "a",   "\n",  "mar.", "august"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (size_t i = 0; i < pieces; ++i) s += kPieces[pick(rng)];
  return s;
}

}  // namespace

TEST_CASE("date shapes match as the RE2 pattern did", "[date][shapes]") {
  const char* kTexts[] = {
      "03/15/1985",
      "born 1985-03-15.",
      "march 3rd, 1985",
      "the 3rd of march 1985",
      "the 31st of september, 2024",
      "sept. 4th of 1999",
      "september 4",
      "03 15 1985",
      "1/2/33",
      "12.5.2021 and 8.5.21",
      "123/45/2020",
      "03/15/19851",
      "may 5",
      "mayday 5",
      "3 jan 2020x",
      "3 january",
      "3rd of sept",
      "the 3 june, 2001",
      "é03/15/1985é",
      "_03/15/1985",
  };
  for (std::string_view t : kTexts)
    for (size_t from = 0; from <= t.size(); ++from)
      for (size_t to = from; to <= t.size(); ++to) {
        INFO(t << " [" << from << ", " << to << ")");
        CHECK(compare(t, from, to) == "");
      }
}

TEST_CASE("date shapes agree with RE2 on random windows", "[date][shapes]") {
  std::mt19937 rng(20261204);
  for (int round = 0; round < 3000; ++round) {
    std::string s = random_text(rng, 4 + static_cast<size_t>(round % 12));
    std::uniform_int_distribution<size_t> at(0, s.size());
    size_t a = at(rng), b = at(rng);
    if (a > b) std::swap(a, b);
    INFO("'" << s << "' [" << a << ", " << b << ")");
    CHECK(compare(s, a, b) == "");
    CHECK(compare(s, 0, s.size()) == "");
  }
}
