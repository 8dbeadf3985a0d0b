// IBANs are written grouped ("GB82 WEST 1234 ...") and spoken letter by
// letter ("g b eight two w e s t ..."), so a hand-written scanner collects
// alphanumerics across single blanks, stops at the registered length of the
// country and lets mod-97 decide.
#include "byte_scan.hpp"
#include "context.hpp"
#include "recognizers.hpp"
#include "validators.hpp"

#include <string>

namespace aihost::local_pii {
namespace {

bool is_alpha(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

// Collects up to `want` alphanumerics from `pos`, allowing one blank or
// dash between them. Returns the end offset, or npos when it falls short.
size_t collect(std::string_view s, size_t pos, size_t want, std::string& out) {
  out.clear();
  size_t i = pos;
  while (out.size() < want && i < s.size()) {
    if (is_alnum(s[i])) {
      out.push_back(s[i]);
      ++i;
      continue;
    }
    if ((s[i] == ' ' || s[i] == '-') && !out.empty() && i + 1 < s.size() &&
        is_alnum(s[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  return out.size() == want ? i : std::string_view::npos;
}

// Spoken, the letter O and the digit zero sound alike ("six o four"). Try
// the other reading of up to three of them; mod-97 decides.
bool valid_reading(std::string compact) {
  size_t pos[3];
  size_t n = 0;
  for (size_t i = 4; i < compact.size(); ++i)
    if (compact[i] == '0' || compact[i] == 'o') {
      if (n == 3) return false;
      pos[n++] = i;
    }
  for (unsigned mask = 1; mask < (1u << n); ++mask) {
    std::string alt = compact;
    for (size_t b = 0; b < n; ++b)
      if (mask & (1u << b)) alt[pos[b]] = alt[pos[b]] == '0' ? 'o' : '0';
    if (iban_valid(alt)) return true;
  }
  return false;
}

}  // namespace

void find_ibans(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  std::string compact;
  compact.reserve(34);
  // Every IBAN has its check digits two letters in: start from digit pairs
  // and look back for the country code, so prose without digits is one
  // tight sweep.
  size_t next_free = 0;
  for (size_t d = scan::next_digit(s, 0); d + 1 < s.size();
       d = scan::next_digit(s, d + 1)) {
    // Candidate starts: "gb82", "g b 82", "gb 82", "g b8 2" are covered by
    // trying the two or four bytes before the first check digit.
    for (size_t back : {2, 3, 4, 5}) {
      if (d < back) break;
      size_t i = d - back;
      if (i < next_free) continue;
      if (!is_alpha(s[i]) || (i > 0 && is_alnum(s[i - 1]))) continue;
      size_t end4 = collect(s, i, 4, compact);
      if (end4 == std::string_view::npos || !is_alpha(compact[1]) ||
          !is_digit(compact[2]) || !is_digit(compact[3]))
        continue;
      int len = iban_length(compact[0], compact[1]);
      if (len == 0) continue;
      size_t end = collect(s, i, static_cast<size_t>(len), compact);
      if (end == std::string_view::npos) continue;
      if (end < s.size() && is_alnum(s[end])) continue;
      if (!iban_valid(compact) && !valid_reading(compact)) continue;
      double score = score_in_context(s, i, end, entity::kIban, 1.0);
      out.push_back({entity::kIban, i, end, score, "IbanRecognizer"});
      next_free = end;
      d = end;
      break;
    }
    while (d + 1 < s.size() && is_digit(s[d + 1])) ++d;
  }
}

}  // namespace aihost::local_pii
