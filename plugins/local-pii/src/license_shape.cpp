#include "license_shape.hpp"

#include <initializer_list>
#include <iterator>

namespace aihost::local_pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
// \b's word characters; the text is lower-cased, so no A-Z.
bool is_word(char c) { return is_lower(c) || is_digit(c) || c == '_'; }

using Pieces = std::initializer_list<std::string_view>;

// The literal parts of the phrase, each a list of alternatives in the order
// the pattern tries them; "" is the optional part left out, tried last.
// "driver'?s?" tries "driver's", "driver'", "drivers", "driver".
const Pieces kStages[] = {
    {"driver's", "driver'", "drivers", "driver", "driving", "d l", "dl"},
    {" ", ""},
    {"licence", "license", "lic", "number", "no", "#", ""},
    {" number", " no", " num", " #", "number", "no", "num", "#", ""},
    {" is", " was", " it's", " its", ""},
    {":", ""},
    {" ", ""},
    {"uh ", "um ", ""},
};

class Matcher {
 public:
  Matcher(std::string_view s, size_t to) : s_(s), to_(to) {}

  // Depth first through the stages, then the number: the first complete
  // match is the one a backtracking engine would report.
  bool from(size_t stage, size_t q, size_t& b, size_t& e) const {
    if (stage == std::size(kStages)) return number(q, b, e);
    for (std::string_view piece : kStages[stage])
      if (text(q, piece) && from(stage + 1, q + piece.size(), b, e))
        return true;
    return false;
  }

 private:
  bool text(size_t q, std::string_view t) const {
    return q + t.size() <= to_ && s_.substr(q, t.size()) == t;
  }
  // \b after the number, which ends with a digit.
  bool boundary(size_t q) const { return q >= s_.size() || !is_word(s_[q]); }
  // Digits from q, not past `to`.
  size_t digit_run(size_t q) const {
    size_t i = q;
    while (i < to_ && is_digit(s_[i])) ++i;
    return i - q;
  }
  // [0-9]{lo,hi}\b from q: greedy, and only the whole run can be followed
  // by a boundary, so that is the one count to try.
  bool digits_then_boundary(size_t q, size_t lo, size_t hi, size_t& e) const {
    size_t run = digit_run(q);
    if (run < lo || run > hi || !boundary(q + run)) return false;
    e = q + run;
    return true;
  }

  bool number(size_t q, size_t& b, size_t& e) const {
    // [a-z]{1,2}[ -]?[0-9]{4,14}
    for (size_t letters : {2, 1}) {
      if (q + letters > to_ || !is_lower(s_[q]) ||
          (letters == 2 && !is_lower(s_[q + 1])))
        continue;
      size_t d = q + letters;
      for (size_t sep : {1, 0}) {
        if (sep && !(d < to_ && (s_[d] == ' ' || s_[d] == '-'))) continue;
        if (digits_then_boundary(d + sep, 4, 14, e)) {
          b = q;
          return true;
        }
      }
    }
    // [0-9]{6,14}
    if (digits_then_boundary(q, 6, 14, e)) {
      b = q;
      return true;
    }
    // [0-9]{3}[ -][0-9]{3}[ -][0-9]{3,4}
    auto blank = [&](size_t i) {
      return i < to_ && (s_[i] == ' ' || s_[i] == '-');
    };
    if (digit_run(q) >= 3 && blank(q + 3) && digit_run(q + 4) >= 3 &&
        blank(q + 7)) {
      for (size_t last : {4, 3}) {
        if (digit_run(q + 8) >= last && boundary(q + 8 + last)) {
          b = q;
          e = q + 8 + last;
          return true;
        }
      }
    }
    return false;
  }

  std::string_view s_;
  size_t to_;
};

}  // namespace

bool license_at(std::string_view s, size_t p, size_t to, size_t& id_begin,
                size_t& id_end) {
  // The leading \b: the trigger starts a word.
  if (p > 0 && is_word(s[p - 1])) return false;
  Matcher m(s, to < s.size() ? to : s.size());
  return m.from(0, p, id_begin, id_end);
}

}  // namespace aihost::local_pii
