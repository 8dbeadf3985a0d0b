// US driver's licence numbers follow fifty state formats that overlap with
// every other code, so they are only claimed right after the speaker names
// the document ("driver's license number is ...", "d l number ...").
#include "byte_scan.hpp"
#include "license_shape.hpp"
#include "recognizers.hpp"

#include <algorithm>

namespace aihost::local_pii {
namespace {

// Every match starts with "driver", "driving", "dl" or "d l" at a word
// start: the only places the grammar needs to be tried.
bool trigger_at(std::string_view s, size_t p) {
  std::string_view rest = s.substr(p);
  return rest.rfind("dl", 0) == 0 || rest.rfind("d l", 0) == 0 ||
         rest.rfind("driv", 0) == 0;
}

// Every match of the licence grammar (license_shape.hpp) in [from, to),
// leftmost first. Matches can only start at a trigger, so the grammar is
// tried there and nowhere else.
void scan_window(std::string_view s, size_t from, size_t to,
                 std::vector<Finding>& out) {
  for (size_t p = scan::next_word_start(s, from, "d"); p < to;
       p = scan::next_word_start(s, p + 1, "d")) {
    size_t b, e;
    if (!trigger_at(s, p) || !license_at(s, p, to, b, e)) continue;
    // The trigger must actually mention a licence or "dl".
    std::string_view head = s.substr(p, b - p);
    // The next search starts where this match ends; the match ends in a
    // digit, so the next word start lies beyond it.
    p = e;
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
  // A match is under 80 bytes long, so the grammar is tried only on windows
  // from each trigger, merged where they touch; \b still sees the whole
  // text.
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
