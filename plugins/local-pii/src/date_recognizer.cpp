// Dates such as dates of birth: "03/15/1985", "1985-03-15", "March 15th,
// 1985", "the 15th of March 1985" and their spoken forms once normalised
// ("march fifteenth nineteen eighty five" -> "march 15th 1985"). The shapes
// are matched by hand (date_shapes.hpp) on small windows of the lower-cased
// text, then checked against the calendar.
#include "byte_scan.hpp"
#include "context.hpp"
#include "date_shapes.hpp"
#include "recognizers.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace aihost::local_pii {
namespace {

int to_int(std::string_view p) {
  int v = 0;
  for (char c : p) v = v * 10 + (c - '0');
  return v;
}

bool valid_day_month(int d, int m) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

bool valid_year(std::string_view y) {
  if (y.empty()) return true;
  if (y.size() == 2) return true;
  int v = to_int(y);
  return v >= 1900 && v <= 2099;
}

bool digit(char c) { return c >= '0' && c <= '9'; }
bool date_sep(char c) { return c == '/' || c == '.' || c == '-'; }
bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || digit(c) || c == '_';
}

// The three lower-case bytes at `i` as one integer, so that a month stem is
// found with integer compares instead of twelve string comparisons.
constexpr uint32_t pack3(char a, char b, char c) {
  return static_cast<uint32_t>(static_cast<unsigned char>(a)) |
         static_cast<uint32_t>(static_cast<unsigned char>(b)) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(c)) << 16;
}

bool month_stem(std::string_view s, size_t i) {
  static constexpr uint32_t kStems[] = {
      pack3('j', 'a', 'n'), pack3('f', 'e', 'b'), pack3('m', 'a', 'r'),
      pack3('a', 'p', 'r'), pack3('m', 'a', 'y'), pack3('j', 'u', 'n'),
      pack3('j', 'u', 'l'), pack3('a', 'u', 'g'), pack3('s', 'e', 'p'),
      pack3('o', 'c', 't'), pack3('n', 'o', 'v'), pack3('d', 'e', 'c')};
  const uint32_t w = pack3(s[i], s[i + 1], s[i + 2]);
  for (uint32_t m : kStems)
    if (m == w) return true;
  return false;
}

// A month stem at a word start (every alternative of AIHOST_MONTH begins
// with one) that has a digit close enough to make a date.
bool month_anchor(std::string_view s, size_t i) {
  if (i + 3 > s.size() || (i > 0 && word_char(s[i - 1]))) return false;
  if (!month_stem(s, i)) return false;
  // "15th of march", "march 15": a digit within a few bytes either side.
  size_t lo = i > 10 ? i - 10 : 0, hi = std::min(s.size(), i + 14);
  for (size_t k = lo; k < hi; ++k)
    if (digit(s[k])) return true;
  return false;
}

// "D[/.-]D{1,2}[/.-]D" from the digit at i: numeric and ISO dates hold it.
bool numeric_anchor(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return k < s.size() ? s[k] : '\0'; };
  if (!date_sep(at(i + 1)) || !digit(at(i + 2))) return false;
  size_t j = digit(at(i + 3)) ? i + 4 : i + 3;
  return date_sep(at(j)) && digit(at(j + 1));
}

// "DD DD 19|20" from the digit at i: a spoken date once normalised.
bool spoken_anchor(std::string_view s, size_t i) {
  if (i + 8 > s.size()) return false;
  return digit(s[i + 1]) && s[i + 2] == ' ' && digit(s[i + 3]) &&
         digit(s[i + 4]) && s[i + 5] == ' ' &&
         ((s[i + 6] == '1' && s[i + 7] == '9') ||
          (s[i + 6] == '2' && s[i + 7] == '0'));
}

#if defined(__SSE2__)
// Bit i set where p[i] is a digit.
unsigned digit_bits(const char* p) {
  using namespace scan::detail;
  return static_cast<unsigned>(_mm_movemask_epi8(in_range(load(p), '0', '9')));
}

// Bit i set where p[i] may start an anchor: a digit followed by a date
// separator, or by a digit and a blank; a month's first letter at a word
// start. A superset: every bit is checked again byte by byte. Reads p[-1]
// to p[17].
unsigned maybe_anchors(const char* p) {
  using namespace scan::detail;
  const __m128i cur = load(p), next = load(p + 1), next2 = load(p + 2);
  auto eq = [](__m128i v, char c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
  };
  __m128i sep =
      _mm_or_si128(_mm_or_si128(eq(next, '/'), eq(next, '.')), eq(next, '-'));
  __m128i spoken = _mm_and_si128(in_range(next, '0', '9'), eq(next2, ' '));
  __m128i numeric =
      _mm_and_si128(in_range(cur, '0', '9'), _mm_or_si128(sep, spoken));
  __m128i month = eq(cur, 'a');
  for (char c : {'d', 'f', 'j', 'm', 'n', 'o', 's'})
    month = _mm_or_si128(month, eq(cur, c));
  month = _mm_andnot_si128(word_bytes(load(p - 1)), month);
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(numeric, month)));
}
#endif

}  // namespace

static void scan_window(std::string_view s, size_t from, size_t to,
                        std::vector<Finding>& out);

void find_dates(const Normalised& n, std::vector<Finding>& out) {
  std::string_view s = n.lower();
  // The shapes are looked for only in small windows around anchors that
  // every date holds: a
  // month stem near a digit, a numeric date's separators, a spoken
  // "DD DD 19..". Windows that touch are merged; \b still sees the whole
  // text. The longest date, "the 31st of september, 2024", fits.
  size_t from = 0, to = 0, done = 0;  // [from, to) pending, [0, done) run
  auto window = [&](size_t anchor, size_t before, size_t after) {
    size_t b = std::max(done, anchor > before ? anchor - before : 0);
    size_t e = std::min(s.size(), anchor + after);
    if (b > to) {
      if (to > from) scan_window(s, from, to, out);
      done = to;
      from = b;
    }
    from = std::min(from, b);
    to = std::max(to, e);
  };
  // Anchors in order. Entity-dense text has a candidate every few bytes,
  // so rather than restarting a search after each, the text is walked in
  // sixteen-byte blocks that mark where an anchor may start, and only those
  // bytes are checked. Every anchor holds a digit or sits within 14 bytes
  // of one, so a block is skipped unless it or a neighbouring block holds
  // a digit: prose without numbers costs one compare per block.
  const size_t size = s.size();
  auto visit = [&](size_t k) {
    const char c = s[k];
    if (digit(c)) {
      if (numeric_anchor(s, k))
        window(k, 4, 12);
      else if (spoken_anchor(s, k))
        window(k, 1, 12);
    } else if (month_letter(c) && (k == 0 || !word_char(s[k - 1])) &&
               month_anchor(s, k)) {
      window(k, 14, 30);
    }
  };
  size_t k = 0;
  if (size > 0) visit(k++);
#if defined(__SSE2__)
  // Blocks start at 1 so that each may look at the byte before it; a block
  // too close to the end to be tested counts as holding a digit.
  auto has_digit = [&](size_t b) {
    return b + 16 > size || digit_bits(s.data() + b) != 0;
  };
  bool prev = true, cur = has_digit(k);
  for (; k + 18 <= size; k += 16) {
    bool next = has_digit(k + 16);
    if (prev || cur || next) {
      for (unsigned bits = maybe_anchors(s.data() + k); bits; bits &= bits - 1)
        visit(k + static_cast<size_t>(__builtin_ctz(bits)));
    }
    prev = cur;
    cur = next;
  }
#endif
  for (; k < size; ++k) visit(k);
  if (to > from) scan_window(s, from, to, out);
}

static void scan_window(std::string_view s, size_t from, size_t to,
                        std::vector<Finding>& out) {
  using Form = DateShape::Form;
  DateShape m;
  size_t pos = from;
  while (pos < to && next_date_shape(s, pos, to, m)) {
    size_t b = m.begin, e = m.end;
    pos = e;  // never empty: every shape holds digits
    bool ok = false;
    double base = 0.6;
    switch (m.form) {
      case Form::kNumeric: {
        int a = to_int(m.first), c = to_int(m.second);
        ok = (valid_day_month(c, a) || valid_day_month(a, c)) &&
             valid_year(m.year);
        // Dotted dates need a four-digit year: "8.5.21" is a version.
        if (m.separator == '.') {
          base = 0.4;
          ok = ok && m.year.size() == 4;
        }
        break;
      }
      case Form::kIso:
        ok = valid_day_month(to_int(m.second), to_int(m.first)) &&
             valid_year(m.year);
        break;
      case Form::kMonthFirst:
        ok =
            to_int(m.first) >= 1 && to_int(m.first) <= 31 && valid_year(m.year);
        // "may 5" without a year is weaker than a full date.
        if (m.year.empty()) base = 0.45;
        break;
      case Form::kDayFirst:
        ok =
            to_int(m.first) >= 1 && to_int(m.first) <= 31 && valid_year(m.year);
        if (m.year.empty()) base = 0.45;
        // Keep the article out of the span.
        if (m.article) b += 4;
        break;
      case Form::kSpoken: {
        int a = to_int(m.first), c = to_int(m.second);
        ok = valid_year(m.year) &&
             (valid_day_month(c, a) || valid_day_month(a, c));
        base = 0.35;
        break;
      }
    }
    if (!ok) continue;
    double score = score_in_context(s, b, e, entity::kDate, base);
    if (score >= kMinScore)
      out.push_back({entity::kDate, b, e, score, "DateRecognizer"});
  }
}

}  // namespace aihost::local_pii
