// US driver's licence numbers follow fifty state formats that overlap with
// every other code, so they are only claimed right after the speaker names
// the document ("driver's license number is ...", "d l number ...").
#include "recognizers.hpp"

#include <re2/re2.h>

#include <algorithm>

namespace aihost::local_pii {
namespace {

const RE2& license_re() {
  static const RE2 re(
      "\\b(?:driver'?s?|driving|d l|dl) ?(?:licen[cs]e|lic|number|no|#)?"
      "(?: ?(?:number|no|num|#))?(?: (?:is|was|it's|its))?:? ?"
      "(?:uh |um )?"
      "([a-z]{1,2}[ -]?[0-9]{4,14}|[0-9]{6,14}|[0-9]{3}[ -][0-9]{3}[ -]"
      "[0-9]{3,4})\\b");
  return re;
}

// Where the trigger names the document: "lic", "dl" or "d l" at `p`'s 'l'.
bool trigger_at(std::string_view s, size_t p) {
  if (p > 0 && s[p - 1] == 'd') return true;
  if (p + 2 < s.size() && s[p + 1] == 'i' && s[p + 2] == 'c') return true;
  return p > 1 && s[p - 1] == ' ' && s[p - 2] == 'd';
}

// RE2 over [from, to); \b still sees the whole text.
void scan(std::string_view s, size_t from, size_t to,
          std::vector<Finding>& out) {
  re2::StringPiece g[2];
  while (from < to && license_re().Match(s, from, to, RE2::UNANCHORED, g, 2)) {
    size_t b = static_cast<size_t>(g[1].data() - s.data());
    size_t e = b + g[1].size();
    from = e;
    // The trigger must actually mention a licence or "dl".
    std::string_view head(g[0].data(), g[0].size() - g[1].size());
    if (head.find("lic") == std::string_view::npos &&
        head.find("dl") == std::string_view::npos &&
        head.find("d l") == std::string_view::npos)
      continue;
    out.push_back(
        {entity::kDriverLicense, b, e, 0.65, "UsDriverLicenseRecognizer"});
  }
}

}  // namespace

void find_driver_licenses(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  // A match starts at most ten bytes before the 'l' of its trigger
  // ("driving lic") and is under 80 long, so RE2 runs only on windows
  // around triggers, merged where they touch.
  constexpr size_t kBefore = 32, kAfter = 96;
  size_t from = 0, to = 0;
  for (size_t p = s.find('l'); p != std::string_view::npos;
       p = s.find('l', p + 1)) {
    if (!trigger_at(s, p)) continue;
    size_t b = p > kBefore ? p - kBefore : 0;
    if (b > to) {
      scan(s, from, to, out);
      from = b;
    }
    to = std::min(s.size(), p + kAfter);
  }
  scan(s, from, to, out);
}

}  // namespace aihost::local_pii
