// US driver's licence numbers follow fifty state formats that overlap with
// every other code, so they are only claimed right after the speaker names
// the document ("driver's license number is ...", "d l number ...").
#include "recognizers.hpp"

#include <re2/re2.h>

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

}  // namespace

void find_driver_licenses(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  // The trigger needs one of these; most text has none of them.
  if (s.find("lic") == std::string_view::npos &&
      s.find("dl") == std::string_view::npos &&
      s.find("d l") == std::string_view::npos)
    return;
  re2::StringPiece g[2];
  size_t pos = 0;
  while (pos < s.size() &&
         license_re().Match(s, pos, s.size(), RE2::UNANCHORED, g, 2)) {
    size_t b = static_cast<size_t>(g[1].data() - s.data());
    size_t e = b + g[1].size();
    pos = e;
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

}  // namespace aihost::local_pii
