// Dates such as dates of birth: "03/15/1985", "1985-03-15", "March 15th,
// 1985", "the 15th of March 1985" and their spoken forms once normalised
// ("march fifteenth nineteen eighty five" -> "march 15th 1985"). One RE2
// pass over the lower-cased text, then calendar checks by hand.
#include "byte_scan.hpp"
#include "context.hpp"
#include "recognizers.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <string>

namespace aihost::local_pii {
namespace {

#define AIHOST_MONTH                                                   \
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
  "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

const RE2& date_re() {
  static const RE2 re(
      // 1: numeric m/d/y or d/m/y; 2,3,4 the parts, 5 the separator class
      "\\b(([0-9]{1,2})([/.-])([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2}))\\b"
      // 6: ISO y-m-d
      "|\\b(([0-9]{4})-([0-9]{2})-([0-9]{2}))\\b"
      // 10: month name first
      "|\\b(" AIHOST_MONTH
      "\\.? ([0-9]{1,2})(?:st|nd|rd|th)?(?:,? (?:of )?([0-9]{4}))?)\\b"
      // 14: day first
      "|\\b((?:the )?([0-9]{1,2})(?:st|nd|rd|th)? (?:of )?" AIHOST_MONTH
      "(?:,? ([0-9]{4}))?)\\b"
      // 18: spoken numeric date "03 15 1985"
      "|\\b(([0-9]{2}) ([0-9]{2}) ((?:19|20)[0-9]{2}))\\b");
  return re;
}

int to_int(re2::StringPiece p) {
  int v = 0;
  for (char c : p) v = v * 10 + (c - '0');
  return v;
}

bool valid_day_month(int d, int m) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

bool valid_year(re2::StringPiece y) {
  if (y.empty()) return true;
  if (y.size() == 2) return true;
  int v = to_int(y);
  return v >= 1900 && v <= 2099;
}

bool digit(char c) { return c >= '0' && c <= '9'; }
bool date_sep(char c) { return c == '/' || c == '.' || c == '-'; }
bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || digit(c) || c == '_';
}

// A month stem at a word start (every alternative of AIHOST_MONTH begins
// with one) that has a digit close enough to make a date.
bool month_anchor(std::string_view s, size_t i) {
  if (i + 3 > s.size() || (i > 0 && word_char(s[i - 1]))) return false;
  static constexpr std::string_view kStems[] = {"jan", "feb", "mar", "apr",
                                                "may", "jun", "jul", "aug",
                                                "sep", "oct", "nov", "dec"};
  std::string_view w = s.substr(i, 3);
  bool stem = false;
  for (auto m : kStems) stem = stem || m == w;
  if (!stem) return false;
  // "15th of march", "march 15": a digit within a few bytes either side.
  size_t lo = i > 10 ? i - 10 : 0, hi = std::min(s.size(), i + 14);
  for (size_t k = lo; k < hi; ++k)
    if (digit(s[k])) return true;
  return false;
}

// "D[/.-]D{1,2}[/.-]D" from the digit at i: numeric and ISO dates hold it.
bool numeric_anchor(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return k < s.size() ? s[k] : '\0'; };
  if (!date_sep(at(i + 1)) || !digit(at(i + 2))) return false;
  size_t j = digit(at(i + 3)) ? i + 4 : i + 3;
  return date_sep(at(j)) && digit(at(j + 1));
}

// "DD DD 19|20" from the digit at i: a spoken date once normalised.
bool spoken_anchor(std::string_view s, size_t i) {
  if (i + 8 > s.size()) return false;
  return digit(s[i + 1]) && s[i + 2] == ' ' && digit(s[i + 3]) &&
         digit(s[i + 4]) && s[i + 5] == ' ' &&
         ((s[i + 6] == '1' && s[i + 7] == '9') ||
          (s[i + 6] == '2' && s[i + 7] == '0'));
}

}  // namespace

static void scan_window(std::string_view s, const RE2& re, size_t from,
                        size_t to, std::vector<Finding>& out);

void find_dates(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  const RE2& re = date_re();
  // RE2 with its capture groups is the costly part, so it runs only on
  // small windows around anchors that every match of date_re() holds: a
  // month stem near a digit, a numeric date's separators, a spoken
  // "DD DD 19..". Windows that touch are merged; \b still sees the whole
  // text. The longest date, "the 31st of september, 2024", fits.
  size_t from = 0, to = 0, done = 0;  // [from, to) pending, [0, done) run
  auto window = [&](size_t anchor, size_t before, size_t after) {
    size_t b = std::max(done, anchor > before ? anchor - before : 0);
    size_t e = std::min(s.size(), anchor + after);
    if (b > to) {
      if (to > from) scan_window(s, re, from, to, out);
      done = to;
      from = b;
    }
    from = std::min(from, b);
    to = std::max(to, e);
  };
  // Every anchor holds a digit or sits within 14 bytes of one, so only the
  // neighbourhoods of digit clusters are looked at.
  const size_t size = s.size();
  size_t seen = 0;
  for (size_t d = scan::next_digit(s, 0); d < size;) {
    size_t e = d;
    while (e < size && digit(s[e])) ++e;
    size_t hi = std::min(size, e + 16);
    // Digits and month-letter word starts of the neighbourhood, in order.
    // The searches run on the whole text (their sixteen-byte steps need
    // room) and stop mattering past `hi`.
    size_t lo = std::max(seen, d > 16 ? d - 16 : 0);
    size_t dg = scan::next_digit(s, lo);
    size_t mo = scan::next_word_start(s, lo, "adfjmnos");
    while (dg < hi || mo < hi) {
      if (dg < mo) {
        if (numeric_anchor(s, dg))
          window(dg, 4, 12);
        else if (spoken_anchor(s, dg))
          window(dg, 1, 12);
        dg = scan::next_digit(s, dg + 1);
      } else {
        if (month_anchor(s, mo)) window(mo, 14, 30);
        mo = scan::next_word_start(s, mo + 1, "adfjmnos");
      }
    }
    seen = hi;
    d = scan::next_digit(s, e);
  }
  if (to > from) scan_window(s, re, from, to, out);
}

static void scan_window(std::string_view s, const RE2& re, size_t from,
                        size_t to, std::vector<Finding>& out) {
  constexpr int kGroups = 22;
  re2::StringPiece g[kGroups];
  size_t pos = from;
  while (pos < to && re.Match(s, pos, to, RE2::UNANCHORED, g, kGroups)) {
    size_t b = static_cast<size_t>(g[0].data() - s.data());
    size_t e = b + g[0].size();
    pos = e > b ? e : b + 1;
    bool ok = false;
    double base = 0.6;
    if (!g[1].empty()) {
      int a = to_int(g[2]), c = to_int(g[4]);
      ok = (valid_day_month(c, a) || valid_day_month(a, c)) && valid_year(g[5]);
      // Dotted dates need a four-digit year: "8.5.21" is a version.
      if (g[3] == ".") {
        base = 0.4;
        ok = ok && g[5].size() == 4;
      }
    } else if (!g[6].empty()) {
      ok = valid_day_month(to_int(g[9]), to_int(g[8])) && valid_year(g[7]);
    } else if (!g[10].empty()) {
      ok = to_int(g[12]) >= 1 && to_int(g[12]) <= 31 && valid_year(g[13]);
      // "may 5" without a year is weaker than a full date.
      if (g[13].empty()) base = 0.45;
    } else if (!g[14].empty()) {
      ok = to_int(g[15]) >= 1 && to_int(g[15]) <= 31 && valid_year(g[17]);
      if (g[17].empty()) base = 0.45;
      // Keep the article out of the span.
      if (s.substr(b, 4) == "the ") b += 4;
    } else if (!g[18].empty()) {
      int a = to_int(g[19]), c = to_int(g[20]);
      ok =
          valid_year(g[21]) && (valid_day_month(c, a) || valid_day_month(a, c));
      base = 0.35;
    }
    if (!ok) continue;
    double score = score_in_context(s, b, e, entity::kDate, base);
    if (score >= kMinScore)
      out.push_back({entity::kDate, b, e, score, "DateRecognizer"});
  }
}

}  // namespace aihost::local_pii
