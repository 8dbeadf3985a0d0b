// A hand-written scanner over digit runs: it reads groups of digits and the
// separators people write between them ("(555) 123-4567", "4111 1111 ...",
// "123-45-6789") in one pass, then tries group-aligned windows against the
// validators. No regex is needed and the work is linear in the run.
#include "byte_scan.hpp"
#include "context.hpp"
#include "recognizers.hpp"
#include "validators.hpp"

#include <string>

namespace aihost::local_pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct Group {
  size_t begin;
  size_t end;
};

constexpr size_t kMaxGroupDigits = 19;
constexpr size_t kMaxWindowGroups = 8;

// Length of an accepted separator at `pos` followed by a digit, or 0.
size_t separator_at(std::string_view s, size_t pos) {
  size_t i = pos;
  int spaces = 0, dots = 0, others = 0;
  while (i < s.size() && i - pos < 3) {
    char c = s[i];
    if (c == ' ')
      ++spaces;
    else if (c == '.')
      ++dots;
    else if (c == '-' || c == '(' || c == ')')
      ++others;
    else
      break;
    ++i;
  }
  size_t len = i - pos;
  if (len == 0 || i >= s.size() || !is_digit(s[i])) return 0;
  if (dots && len != 1) return 0;  // "3. 4" ends a sentence
  if (spaces > 2) return 0;
  (void)others;
  return len;
}

struct Candidate {
  std::string_view type;
  double base;
  std::string_view recognizer;
};

class RunClassifier {
 public:
  RunClassifier(const Normalised& n, std::vector<Finding>& out)
      : text_(n.text()), lower_(n.lower()), out_(out) {}

  void run(const std::vector<Group>& groups, size_t lead) {
    const size_t g = groups.size();
    size_t a = 0;
    while (a < g) {
      bool found = false;
      size_t last = std::min(g - 1, a + kMaxWindowGroups - 1);
      for (size_t b = last + 1; b-- > a;) {
        size_t start = a == 0 ? lead : groups[a].begin;
        if (classify(groups, a, b, start,
                     a == 0 && lead < groups[0].begin && text_[lead] == '+')) {
          a = b + 1;
          found = true;
          break;
        }
      }
      if (!found) ++a;
    }
  }

 private:
  bool classify(const std::vector<Group>& groups, size_t a, size_t b,
                size_t start, bool plus) {
    // The window's digits without separators, in a fixed buffer: a window
    // holds at most kMaxWindowGroups groups of kMaxGroupDigits.
    size_t n = 0;
    for (size_t i = a; i <= b; ++i)
      for (size_t k = groups[i].begin; k < groups[i].end; ++k)
        buf_[n++] = text_[k];
    const std::string_view digits(buf_, n);
    const size_t gc = b - a + 1;
    const size_t end = groups[b].end;
    auto glen = [&](size_t i) {
      return groups[a + i].end - groups[a + i].begin;
    };
    bool any = false;
    auto emit = [&](std::string_view type, double base,
                    std::string_view recognizer) {
      double s = score_in_context(lower_, start, end, type, base);
      if (s < kMinScore) return;
      out_.push_back({type, start, end, s, recognizer});
      any = true;
    };
    using namespace entity;
    if (plus) {
      if (e164_valid(digits)) emit(kPhone, 0.75, "PhoneRecognizer");
      return any;
    }
    if (n >= 12 && n <= 19 && luhn_valid(digits)) {
      if (card_iin_valid(digits))
        emit(kCreditCard, n >= 13 ? 1.0 : 0.6, "CreditCardRecognizer");
      else if (n >= 13 && has_positive_context(lower_, start, end, kCreditCard))
        // Outside every issuer range the table knows (new or private-label
        // ranges, test cards), a Luhn-valid number counts only where the
        // words say card: "card 3599 0041 2873 6512 is lost".
        emit(kCreditCard, 0.3, "CreditCardRecognizer");
    }
    if (n == 9 && ssn_valid(digits)) {
      // Written 3-2-4 or as one run; "699 956 915" or "17151 2450" are not.
      double base = gc == 3 && glen(0) == 3 && glen(1) == 2 ? 0.6
                    : gc == 1                               ? 0.35
                                                            : 0.0;
      if (base > 0) emit(kSsn, base, "UsSsnRecognizer");
    }
    // National numbers with a trunk zero ("0494 92 82 32", "07700 900 123")
    // follow no single plan: they count only where the words say phone.
    if (n >= 9 && n <= 11 && digits[0] == '0' && digits[1] != '0' && gc >= 2 &&
        has_positive_context(lower_, start, end, kPhone)) {
      emit(kPhone, 0.5, "PhoneRecognizer");
    } else if (n >= 7 && n <= 11 && gc >= 2 && a == 0 &&
               b + 1 == groups.size()) {
      // Without a trunk zero ("9472 7916", "699 956 915", "60-56-85-91")
      // a number counts when every group is as short as phone groups are
      // and a word other than "number" says phone; only the whole run, so
      // that no part of a longer number is claimed and the rest left.
      // Groups that are all clock times ("office hours 0900-1700") are not,
      // and NANP groupings (3-3-4, 1-3-3-4) are left to the NANP rules.
      bool nanp =
          (n == 10 && gc == 3 && glen(0) == 3 && glen(1) == 3) ||
          (n == 11 && gc == 4 && glen(0) == 1 && glen(1) == 3 && glen(2) == 3);
      // Nor runs that start or end with a 19xx/20xx year ("1985-03-15",
      // "31 12.05.2021", "1985 007"): dates are the date recogniser's, and
      // a phone word nearby must not turn a date of birth into a phone
      // number. Nor the SSN grouping 3-2-4.
      auto year = [&](size_t i) {
        size_t p = groups[a + i].begin;
        return glen(i) == 4 && ((text_[p] == '1' && text_[p + 1] == '9') ||
                                (text_[p] == '2' && text_[p + 1] == '0'));
      };
      bool date = year(0) || year(gc - 1);
      bool ssn = gc == 3 && glen(0) == 3 && glen(1) == 2 && glen(2) == 4;
      bool grouped = !nanp && !date && !ssn, times = true;
      for (size_t i = 0; grouped && i < gc; ++i) {
        grouped = glen(i) >= 2 && glen(i) <= 4;
        times = times && glen(i) == 4 && clock_time(groups[a + i].begin);
      }
      // Next to licence words the number is the licence's ("driving
      // licence 123-456-789, call ...").
      if (grouped && !times && has_phone_word(lower_, start, end) &&
          !has_positive_context(lower_, start, end, kDriverLicense))
        emit(kPhone, 0.5, "PhoneRecognizer");
    }
    if (n == 10 && nanp_valid(digits)) {
      // Only the groupings people use for NANP numbers: 3-3-4, 3-7, bare.
      double base = gc == 3 && glen(0) == 3 && glen(1) == 3 ? 0.7
                    : gc == 2 && glen(0) == 3               ? 0.5
                    : gc == 1                               ? 0.45
                                                            : 0.0;
      if (base > 0 && text_[start] == '(') base = 0.75;
      if (base > 0) emit(kPhone, base, "PhoneRecognizer");
    }
    if (n == 11 && digits[0] == '1' && nanp_valid(digits.substr(1))) {
      double base = gc == 4 && glen(0) == 1 && glen(1) == 3 ? 0.7
                    : gc == 1                               ? 0.4
                                                            : 0.0;
      if (base > 0) emit(kPhone, base, "PhoneRecognizer");
    }
    // Account numbers have no checksum: only the words around them tell.
    if (n >= 8 && n <= 17 && gc <= 2 &&
        has_positive_context(lower_, start, end, kBank))
      emit(kBank, 0.3, "UsBankRecognizer");
    return any;
  }

  // The four digits at `p` read as HHMM, 0000 to 2359.
  bool clock_time(size_t p) const {
    int h = (text_[p] - '0') * 10 + (text_[p + 1] - '0');
    int m = (text_[p + 2] - '0') * 10 + (text_[p + 3] - '0');
    return h <= 23 && m <= 59;
  }

  std::string_view text_;
  std::string_view lower_;
  std::vector<Finding>& out_;
  char buf_[kMaxWindowGroups * kMaxGroupDigits];
};

}  // namespace

void find_digit_entities(const Normalised& norm, std::vector<Finding>& out) {
  std::string_view s = norm.text();
  RunClassifier classifier(norm, out);
  std::vector<Group> groups;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    size_t d = scan::next_digit(s, i);
    if (d == n) break;
    // A '+' or '(' right before the first digit opens the run.
    bool opener = d > i && (s[d - 1] == '+' || s[d - 1] == '(');
    i = opener ? d - 1 : d;
    // Digits glued to letters ("A1234567", "abc123") are codes, not numbers.
    if (!opener && i > 0 && is_alnum(s[i - 1])) {
      while (i < n && is_alnum(s[i])) ++i;
      continue;
    }
    size_t lead = i;
    size_t p = opener ? i + 1 : i;
    groups.clear();
    bool too_long = false;
    while (true) {
      size_t b = p;
      while (p < n && is_digit(s[p])) ++p;
      if (p - b > kMaxGroupDigits) too_long = true;
      groups.push_back({b, p});
      size_t sep = separator_at(s, p);
      if (sep == 0) break;
      p += sep;
    }
    // A run that ends inside a word ("123abc") or a decimal ("12.50") is
    // not one number.
    bool glued = p < n && (is_alnum(s[p]) || s[p] == '_');
    if (!too_long && !glued) classifier.run(groups, lead);
    i = p;
    while (i < n && is_alnum(s[i])) ++i;
  }
}

}  // namespace aihost::local_pii
