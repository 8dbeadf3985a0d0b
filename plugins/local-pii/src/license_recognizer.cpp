// US driver's licence numbers follow fifty state formats that overlap with
// every other code, so they are only claimed right after the speaker names
// the document ("driver's license number is ...", "d l number ...").
#include "byte_scan.hpp"
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

// Every match starts with "driver", "driving", "dl" or "d l" at a word
// start: the only places RE2 needs to look.
bool trigger_at(std::string_view s, size_t p) {
  std::string_view rest = s.substr(p);
  return rest.rfind("dl", 0) == 0 || rest.rfind("d l", 0) == 0 ||
         rest.rfind("driv", 0) == 0;
}

// RE2 over [from, to); \b still sees the whole text.
void scan_window(std::string_view s, size_t from, size_t to,
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
  // A match is under 80 bytes long, so RE2 runs only on windows from each
  // trigger, merged where they touch; \b still sees the whole text.
  constexpr size_t kAfter = 96;
  size_t from = 0, to = 0;
  for (size_t p = scan::next_word_start(s, 0, "d"); p < s.size();
       p = scan::next_word_start(s, p + 1, "d")) {
    if (!trigger_at(s, p)) continue;
    if (p > to) {
      scan_window(s, from, to, out);
      from = p;
    }
    to = std::min(s.size(), p + kAfter);
  }
  scan_window(s, from, to, out);
}

}  // namespace aihost::local_pii
