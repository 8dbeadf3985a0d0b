#include "date_shapes.hpp"

#include <iterator>

namespace aihost::local_pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
// \b's word characters; the text is lower-cased, so no A-Z.
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_';
}

// One attempt at one start position. Every optional piece and every choice
// is tried in the order a backtracking engine would: the first complete
// match found is the one leftmost-first semantics picks.
class Matcher {
 public:
  Matcher(std::string_view s, size_t to) : s_(s), to_(to) {}

  bool at(size_t p, DateShape& m) {
    return numeric(p, m) || iso(p, m) || month_first(p, m) || day_first(p, m) ||
           spoken(p, m);
  }

 private:
  // `k` digits at q, all before `to`.
  bool digits(size_t q, size_t k) const {
    if (q + k > to_) return false;
    for (size_t i = q; i < q + k; ++i)
      if (!is_digit(s_[i])) return false;
    return true;
  }
  bool byte(size_t q, char c) const { return q < to_ && s_[q] == c; }
  bool text(size_t q, std::string_view t) const {
    return q + t.size() <= to_ && s_.substr(q, t.size()) == t;
  }
  // \b after a match, which always ends with a word character.
  bool boundary(size_t q) const { return q >= s_.size() || !is_word(s_[q]); }
  bool date_sep(size_t q) const {
    return q < to_ && (s_[q] == '/' || s_[q] == '.' || s_[q] == '-');
  }
  // (?:st|nd|rd|th) at q: its length, or 0.
  size_t suffix(size_t q) const {
    if (q + 2 > to_) return 0;
    std::string_view w = s_.substr(q, 2);
    return w == "st" || w == "nd" || w == "rd" || w == "th" ? 2 : 0;
  }

  // The lengths MONTH can match at q, in the order the pattern tries them
  // (longest first: "september", "sept", "sep"). Returns how many.
  size_t months(size_t q, size_t (&len)[3]) const {
    static constexpr std::string_view kForms[][3] = {
        {"january", "jan"},
        {"february", "feb"},
        {"march", "mar"},
        {"april", "apr"},
        {"may"},
        {"june", "jun"},
        {"july", "jul"},
        {"august", "aug"},
        {"september", "sept", "sep"},
        {"october", "oct"},
        {"november", "nov"},
        {"december", "dec"}};
    if (q + 3 > to_) return 0;
    std::string_view stem = s_.substr(q, 3);
    for (const auto& forms : kForms) {
      if (forms[0].substr(0, 3) != stem) continue;
      size_t n = 0;
      for (std::string_view f : forms)
        if (!f.empty() && text(q, f)) len[n++] = f.size();
      return n;
    }
    return 0;
  }

  // (?:,? (?:of )?(d{4}))? then \b, from q; the year group when present.
  bool month_first_year(size_t q, std::string_view& year, size_t& end) const {
    for (size_t comma : {1, 0}) {
      if (comma && !byte(q, ',')) continue;
      size_t r = q + comma;
      if (!byte(r, ' ')) continue;
      for (size_t of : {3, 0}) {
        if (of && !text(r + 1, "of ")) continue;
        size_t y = r + 1 + of;
        if (digits(y, 4) && boundary(y + 4)) {
          year = s_.substr(y, 4);
          end = y + 4;
          return true;
        }
      }
    }
    if (!boundary(q)) return false;
    year = {};
    end = q;
    return true;
  }

  // (?:,? (d{4}))? then \b, from q.
  bool day_first_year(size_t q, std::string_view& year, size_t& end) const {
    for (size_t comma : {1, 0}) {
      if (comma && !byte(q, ',')) continue;
      size_t y = q + comma + 1;
      if (byte(q + comma, ' ') && digits(y, 4) && boundary(y + 4)) {
        year = s_.substr(y, 4);
        end = y + 4;
        return true;
      }
    }
    if (!boundary(q)) return false;
    year = {};
    end = q;
    return true;
  }

  bool numeric(size_t p, DateShape& m) const {
    for (size_t l1 : {2, 1}) {
      if (!digits(p, l1) || !date_sep(p + l1)) continue;
      size_t q = p + l1 + 1;
      for (size_t l2 : {2, 1}) {
        if (!digits(q, l2) || !date_sep(q + l2)) continue;
        size_t y = q + l2 + 1;
        for (size_t ly : {4, 2}) {
          if (!digits(y, ly) || !boundary(y + ly)) continue;
          m = {DateShape::Form::kNumeric,
               p,
               y + ly,
               s_.substr(p, l1),
               s_.substr(q, l2),
               s_.substr(y, ly),
               s_[p + l1],
               false};
          return true;
        }
      }
    }
    return false;
  }

  bool iso(size_t p, DateShape& m) const {
    if (!(digits(p, 4) && byte(p + 4, '-') && digits(p + 5, 2) &&
          byte(p + 7, '-') && digits(p + 8, 2) && boundary(p + 10)))
      return false;
    m = {DateShape::Form::kIso,
         p,
         p + 10,
         s_.substr(p + 5, 2),
         s_.substr(p + 8, 2),
         s_.substr(p, 4),
         0,
         false};
    return true;
  }

  bool month_first(size_t p, DateShape& m) const {
    size_t len[3];
    const size_t forms = months(p, len);
    for (size_t f = 0; f < forms; ++f) {
      for (size_t dot : {1, 0}) {
        size_t q = p + len[f];
        if (dot && !byte(q, '.')) continue;
        if (!byte(q + dot, ' ')) continue;
        size_t d = q + dot + 1;
        for (size_t ld : {2, 1}) {
          if (!digits(d, ld)) continue;
          for (size_t suf : {suffix(d + ld), size_t{0}}) {
            std::string_view year;
            size_t end;
            if (!month_first_year(d + ld + suf, year, end)) continue;
            m = {DateShape::Form::kMonthFirst,
                 p,
                 end,
                 s_.substr(d, ld),
                 {},
                 year,
                 0,
                 false};
            return true;
          }
        }
      }
    }
    return false;
  }

  bool day_first(size_t p, DateShape& m) const {
    for (size_t the : {4, 0}) {
      if (the && !text(p, "the ")) continue;
      size_t d = p + the;
      for (size_t ld : {2, 1}) {
        if (!digits(d, ld)) continue;
        for (size_t suf : {suffix(d + ld), size_t{0}}) {
          size_t q = d + ld + suf;
          if (!byte(q, ' ')) continue;
          for (size_t of : {3, 0}) {
            if (of && !text(q + 1, "of ")) continue;
            size_t mo = q + 1 + of;
            size_t len[3];
            const size_t forms = months(mo, len);
            for (size_t f = 0; f < forms; ++f) {
              std::string_view year;
              size_t end;
              if (!day_first_year(mo + len[f], year, end)) continue;
              m = {DateShape::Form::kDayFirst,
                   p,
                   end,
                   s_.substr(d, ld),
                   {},
                   year,
                   0,
                   the != 0};
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  bool spoken(size_t p, DateShape& m) const {
    if (!(digits(p, 2) && byte(p + 2, ' ') && digits(p + 3, 2) &&
          byte(p + 5, ' ') && (text(p + 6, "19") || text(p + 6, "20")) &&
          digits(p + 8, 2) && boundary(p + 10)))
      return false;
    m = {DateShape::Form::kSpoken,
         p,
         p + 10,
         s_.substr(p, 2),
         s_.substr(p + 3, 2),
         s_.substr(p + 6, 4),
         0,
         false};
    return true;
  }

  std::string_view s_;
  size_t to_;
};

// Bytes a match can start with: a digit, a month's first letter or the
// 't' of "the".
bool may_start(char c) { return c == 't' || month_letter(c) || is_digit(c); }

}  // namespace

bool month_letter(char c) {
  switch (c) {
    case 'a':
    case 'd':
    case 'f':
    case 'j':
    case 'm':
    case 'n':
    case 'o':
    case 's':
      return true;
    default:
      return false;
  }
}

bool next_date_shape(std::string_view s, size_t from, size_t to,
                     DateShape& out) {
  to = to < s.size() ? to : s.size();
  Matcher matcher(s, to);
  for (size_t p = from; p < to; ++p) {
    // Every alternative starts with \b before a word character.
    if (!may_start(s[p]) || (p > 0 && is_word(s[p - 1]))) continue;
    if (matcher.at(p, out)) return true;
  }
  return false;
}

}  // namespace aihost::local_pii
