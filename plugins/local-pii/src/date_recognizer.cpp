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

void find_dates(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  const RE2& re = date_re();
  constexpr int kGroups = 22;
  re2::StringPiece g[kGroups];
  size_t pos = 0;
  while (pos < s.size() &&
         re.Match(s, pos, s.size(), RE2::UNANCHORED, g, kGroups)) {
    size_t b = static_cast<size_t>(g[0].data() - s.data());
    size_t e = b + g[0].size();
    pos = e > b ? e : b + 1;
    bool ok = false;
    double base = 0.6;
    if (!g[1].empty()) {
      int a = to_int(g[2]), c = to_int(g[4]);
      ok = (valid_day_month(c, a) || valid_day_month(a, c)) && valid_year(g[5]);
      // "1.2.2024" style with dots is as often a version as a date.
      if (g[3] == ".") base = 0.4;
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
