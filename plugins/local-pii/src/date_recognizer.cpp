// Dates such as dates of birth: "03/15/1985", "1985-03-15", "March 15th,
// 1985", "the 15th of March 1985" and their spoken forms once normalised
// ("march fifteenth nineteen eighty five" -> "march 15th 1985"). One RE2
// pass over the lower-cased text, then calendar checks by hand.
#include "context.hpp"
#include "recognizers.hpp"

#include <re2/re2.h>

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

}  // namespace

static void scan_window(std::string_view s, const RE2& re, size_t from,
                        size_t to, std::vector<Finding>& out);

void find_dates(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  const RE2& re = date_re();
  // Every date holds a digit, and month names sit within a few words of
  // it: RE2 only runs on windows around digit clusters, so prose without
  // digits costs one memchr-like sweep. \b still sees the whole text.
  constexpr size_t kReach = 24;
  size_t scan = 0;
  while (scan < s.size()) {
    size_t d = scan;
    while (d < s.size() && (s[d] < '0' || s[d] > '9')) ++d;
    if (d == s.size()) break;
    size_t wb = d > kReach ? d - kReach : 0;
    while (wb > 0 && s[wb - 1] != ' ' && s[wb - 1] != '\n') --wb;
    size_t we = d;
    // Extend through digits that are close together.
    for (size_t last = d; we < s.size() && we - last <= kReach; ++we)
      if (s[we] >= '0' && s[we] <= '9') last = we;
    while (we < s.size() && s[we] != ' ' && s[we] != '\n') ++we;
    scan_window(s, re, std::max(wb, scan), we, out);
    scan = we;
  }
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
