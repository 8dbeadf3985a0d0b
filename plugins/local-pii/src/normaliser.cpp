#include "normaliser.hpp"

#include "spoken_words.hpp"
#include "utf8.hpp"

#include <algorithm>

namespace aihost::local_pii {
namespace {

bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
bool is_space(unsigned char c) { return c == ' ' || c == '\t'; }
char lower_ascii(unsigned char c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

// What separates a spoken word from the previous one.
enum class Gap : uint8_t {
  kSpace,   // blanks only: same breath
  kComma,   // blanks plus a short pause mark (, . ; " - ")
  kHyphen,  // a bare '-' as in "twenty-three"
  kOther,   // any other text: not adjacent
};

struct Tok {
  uint32_t start;
  uint32_t end;
  WordKind kind;
  uint16_t value;
  Gap gap;
  bool spelled = false;  // next to a single spelled letter
  bool numeric = false;
  bool in_run = false;
  bool run_first = false;
  bool run_last = false;
  char conv = 0;
};

Gap classify_gap(std::string_view o, size_t a, size_t b) {
  if (a == b) return Gap::kSpace;
  if (b - a == 1 && o[a] == '-') return Gap::kHyphen;
  int marks = 0;
  for (size_t i = a; i < b; ++i) {
    unsigned char c = static_cast<unsigned char>(o[i]);
    if (is_space(c)) continue;
    if (c == ',' || c == '.' || c == ';' || c == '-') {
      if (++marks > 3) return Gap::kOther;
      continue;
    }
    return Gap::kOther;
  }
  return marks ? Gap::kComma : Gap::kSpace;
}

// Is the word before [b, e) or after it a lone letter other than "a"/"i"?
bool single_letter_near(std::string_view o, size_t b, size_t e) {
  auto lone = [&](size_t p) {
    unsigned char c = static_cast<unsigned char>(o[p]);
    if (!is_alpha(c) || c == 'a' || c == 'i' || c == 'A' || c == 'I')
      return false;
    bool left = p == 0 || !is_alpha(static_cast<unsigned char>(o[p - 1]));
    bool right =
        p + 1 >= o.size() || !is_alpha(static_cast<unsigned char>(o[p + 1]));
    return left && right;
  };
  if (b >= 2 && o[b - 1] == ' ' && lone(b - 2)) return true;
  if (e + 1 < o.size() && o[e] == ' ' && lone(e + 1)) return true;
  return false;
}

std::vector<Tok> tokenize(std::string_view o) {
  std::vector<Tok> toks;
  size_t prev_end = 0;
  bool first = true;
  char buf[12];
  const size_t n = o.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(o[i]);
    if (is_alpha(c) || (c >= 0x80 && utf8::non_ascii_letter(o, i))) {
      size_t j = i;
      bool ascii = true;
      while (j < n) {
        unsigned char d = static_cast<unsigned char>(o[j]);
        if (is_alpha(d)) {
        } else if (d >= 0x80 && utf8::non_ascii_letter(o, j)) {
          ascii = false;
          j += utf8::code_point_length(o, j);
          continue;
        } else if (d == '\'' && j > i && j + 1 < n &&
                   is_alpha(static_cast<unsigned char>(o[j + 1]))) {
          ascii = false;  // contractions are never spoken numbers
        } else {
          break;
        }
        ++j;
      }
      size_t len = j - i;
      if (ascii && len <= sizeof(buf) - 1 &&
          !(j < n && is_digit(static_cast<unsigned char>(o[j]))) &&
          may_be_spoken_word(o.substr(i, len))) {
        for (size_t k = 0; k < len; ++k)
          buf[k] = lower_ascii(static_cast<unsigned char>(o[i + k]));
        SpokenWord w = lookup_spoken_word(std::string_view(buf, len));
        if (w.kind != WordKind::kNone &&
            !(i > 0 && is_digit(static_cast<unsigned char>(o[i - 1])))) {
          Gap g = first ? Gap::kOther : classify_gap(o, prev_end, i);
          toks.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j),
                          w.kind, w.value, g});
          toks.back().spelled = single_letter_near(o, i, j);
          prev_end = j;
          first = false;
        }
      }
      i = j;
    } else if (is_digit(c)) {
      while (i < n && is_alnum(static_cast<unsigned char>(o[i]))) ++i;
    } else if (c >= 0x80) {
      i += utf8::code_point_length(o, i);
    } else {
      ++i;
    }
  }
  return toks;
}

bool strong_numeric(WordKind k) {
  return k == WordKind::kDigit || k == WordKind::kTeen ||
         k == WordKind::kTens || k == WordKind::kOrdinal;
}

bool linked(const std::vector<Tok>& t, size_t k) {
  return k > 0 && k < t.size() && t[k].gap != Gap::kOther;
}

void resolve_numeric(std::vector<Tok>& t) {
  const size_t m = t.size();
  for (auto& x : t) {
    x.numeric = strong_numeric(x.kind);
    // Among spelled letters ("six o q", "t c oh") "o" is the letter O and
    // "oh" the digit zero.
    if (x.kind == WordKind::kWeakZero && x.spelled)
      x.numeric = x.end - x.start == 2;
  }
  // "oh" is zero only beside other digits; two sweeps settle "oh oh seven".
  auto separator = [&](size_t k) {
    return t[k].kind == WordKind::kDot || t[k].kind == WordKind::kDash;
  };
  // "one six eight dot oh dot one": a spoken separator between digits
  // carries the digit context across.
  auto weak = [&](size_t k) {
    if (t[k].kind != WordKind::kWeakZero || t[k].numeric || t[k].spelled)
      return;
    bool prev =
        linked(t, k) && t[k - 1].numeric && t[k - 1].kind != WordKind::kOrdinal;
    bool next = linked(t, k + 1) && t[k + 1].numeric;
    bool prev2 = linked(t, k) && separator(k - 1) && linked(t, k - 1) &&
                 t[k - 2].numeric;
    bool next2 = linked(t, k + 1) && separator(k + 1) && linked(t, k + 2) &&
                 t[k + 2].numeric;
    t[k].numeric = prev || next || prev2 || next2;
  };
  for (size_t k = m; k-- > 0;) weak(k);
  for (size_t k = 0; k < m; ++k) weak(k);
  for (size_t k = 0; k < m; ++k) {
    auto kind = t[k].kind;
    if (kind == WordKind::kRepeat) {
      t[k].numeric = linked(t, k + 1) && t[k + 1].gap == Gap::kSpace &&
                     (t[k + 1].kind == WordKind::kDigit ||
                      t[k + 1].kind == WordKind::kWeakZero);
      if (!t[k].numeric) continue;
      // "double oh": the zero is numeric because "double" says so.
      t[k + 1].numeric = true;
    } else if (kind == WordKind::kHundred || kind == WordKind::kThousand) {
      t[k].numeric = linked(t, k) && t[k].gap == Gap::kSpace &&
                     t[k - 1].numeric && t[k - 1].kind != WordKind::kOrdinal;
    }
  }
  // "triple oh oh": zeros made numeric by a repeat extend to their
  // neighbours.
  for (size_t k = 0; k < m; ++k) weak(k);
}

// Words that may sit inside a spoken number without ending it.
bool glue(const std::vector<Tok>& t, size_t k) {
  switch (t[k].kind) {
    case WordKind::kFiller:
    case WordKind::kCorrection:
    case WordKind::kDash:
    case WordKind::kDot:
    case WordKind::kKnow:
    case WordKind::kMean:
      return true;
    case WordKind::kYou:
      return linked(t, k + 1) && t[k + 1].kind == WordKind::kKnow;
    case WordKind::kI:
      return linked(t, k + 1) && t[k + 1].kind == WordKind::kMean;
    default:
      return false;
  }
}

void mark_runs(std::vector<Tok>& t) {
  const size_t m = t.size();
  size_t k = 0;
  while (k < m) {
    if (!t[k].numeric) {
      ++k;
      continue;
    }
    size_t last = k;
    size_t j = k;
    while (t[last].kind != WordKind::kOrdinal && linked(t, j + 1)) {
      if (t[j + 1].numeric) {
        last = ++j;
      } else if (glue(t, j + 1)) {
        ++j;
      } else {
        break;
      }
    }
    // A lone number word ("press one", "one of them") cannot be an
    // identifier; leaving it as text keeps prose on the fast path. Ordinals
    // and multipliers still convert: dates and amounts need them.
    bool lone = last == k && t[k].kind != WordKind::kOrdinal && !t[k].spelled;
    if (!lone) {
      for (size_t x = k; x <= last; ++x) t[x].in_run = true;
      t[k].run_first = true;
      t[last].run_last = true;
    }
    k = last + 1;
  }
}

size_t skip_spaces_back(std::string_view o, size_t pos) {
  while (pos > 0 && is_space(static_cast<unsigned char>(o[pos - 1]))) --pos;
  return pos;
}
size_t skip_spaces(std::string_view o, size_t pos) {
  while (pos < o.size() && is_space(static_cast<unsigned char>(o[pos]))) ++pos;
  return pos;
}

bool alnum_before(std::string_view o, size_t pos) {
  pos = skip_spaces_back(o, pos);
  return pos > 0 && is_alnum(static_cast<unsigned char>(o[pos - 1]));
}
bool alnum_after(std::string_view o, size_t pos) {
  pos = skip_spaces(o, pos);
  return pos < o.size() && is_alnum(static_cast<unsigned char>(o[pos]));
}

// After a spoken "at": does "<label> dot <label> ... <tld>" follow?
bool domain_follows(std::string_view o, size_t pos) {
  int dots = 0, spoken_dots = 0;
  std::string last;
  for (int labels = 0; labels < 6; ++labels) {
    pos = skip_spaces(o, pos);
    size_t b = pos;
    while (pos < o.size() &&
           (is_alnum(static_cast<unsigned char>(o[pos])) || o[pos] == '-'))
      ++pos;
    if (pos == b) return false;
    last.assign(o.substr(b, pos - b));
    for (auto& ch : last) ch = lower_ascii(static_cast<unsigned char>(ch));
    if (last == "dot" && dots > 0) return false;
    size_t after = skip_spaces(o, pos);
    if (after < o.size() && o[after] == '.' && after + 1 < o.size() &&
        is_alnum(static_cast<unsigned char>(o[after + 1]))) {
      pos = after + 1;
      ++dots;
      continue;
    }
    if (after + 3 <= o.size() &&
        lower_ascii(static_cast<unsigned char>(o[after])) == 'd' &&
        lower_ascii(static_cast<unsigned char>(o[after + 1])) == 'o' &&
        lower_ascii(static_cast<unsigned char>(o[after + 2])) == 't' &&
        (after + 3 == o.size() ||
         is_space(static_cast<unsigned char>(o[after + 3])))) {
      pos = after + 3;
      ++dots;
      ++spoken_dots;
      continue;
    }
    break;
  }
  // A written domain after "at" ("at www.example.com") is a place, not an
  // address being spelled out.
  return spoken_dots > 0 && is_common_tld(last);
}

void mark_conversions(std::string_view o, std::vector<Tok>& t) {
  for (size_t k = 0; k < t.size(); ++k) {
    Tok& x = t[k];
    if (x.in_run) continue;
    switch (x.kind) {
      case WordKind::kDot:
        if (alnum_before(o, x.start) && alnum_after(o, x.end)) x.conv = '.';
        break;
      case WordKind::kDash:
        if (alnum_before(o, x.start) && alnum_after(o, x.end)) x.conv = '-';
        break;
      case WordKind::kUnderscore:
        if (alnum_before(o, x.start) && alnum_after(o, x.end)) x.conv = '_';
        break;
      case WordKind::kSlash:
        if (alnum_before(o, x.start) && alnum_after(o, x.end)) x.conv = '/';
        break;
      case WordKind::kColon:
        if (k + 1 < t.size() && t[k + 1].kind == WordKind::kSlash &&
            t[k + 1].gap == Gap::kSpace)
          x.conv = ':';
        break;
      case WordKind::kAt:
        if (alnum_before(o, x.start) && domain_follows(o, x.end)) x.conv = '@';
        break;
      case WordKind::kPlus:
        if (linked(t, k + 1) && t[k + 1].gap == Gap::kSpace && t[k + 1].numeric)
          x.conv = '+';
        break;
      default:
        break;
    }
  }
  // A slash run after a colon ("colon slash slash") joins without blanks.
  for (size_t k = 1; k < t.size(); ++k)
    if (t[k].kind == WordKind::kSlash && !t[k].conv &&
        (t[k - 1].conv == ':' || t[k - 1].conv == '/') &&
        t[k].gap == Gap::kSpace)
      t[k].conv = '/';
}

char ordinal_suffix_first(int v) {
  return v % 10 == 1 && v != 11   ? 's'
         : v % 10 == 2 && v != 12 ? 'n'
         : v % 10 == 3 && v != 13 ? 'r'
                                  : 't';
}
const char* ordinal_suffix(int v) {
  switch (ordinal_suffix_first(v)) {
    case 's':
      return "st";
    case 'n':
      return "nd";
    case 'r':
      return "rd";
    default:
      return "th";
  }
}

}  // namespace

// Writes the normalised text, keeping the per-byte origin map in step.
class NormaliserBuilder {
 public:
  NormaliserBuilder(Normalised& n, std::string_view o) : n_(n), o_(o) {
    n_.written_.reserve(o.size());
    n_.from_.reserve(o.size());
    n_.to_.reserve(o.size());
  }

  void copy(size_t a, size_t b) {
    if (b <= a) return;
    n_.written_.append(o_.substr(a, b - a));
    size_t at = n_.from_.size();
    n_.from_.resize(at + (b - a));
    n_.to_.resize(at + (b - a));
    for (size_t i = 0; i < b - a; ++i) {
      n_.from_[at + i] = static_cast<uint32_t>(a + i);
      n_.to_[at + i] = static_cast<uint32_t>(a + i + 1);
    }
  }

  void push(char c, size_t from, size_t to) {
    n_.written_.push_back(c);
    n_.from_.push_back(static_cast<uint32_t>(from));
    n_.to_.push_back(static_cast<uint32_t>(to));
  }

  size_t size() const { return n_.written_.size(); }

  // --- spoken number runs -------------------------------------------------
  void begin_run() {
    fill_ = 0;
    repeat_ = 0;
    corr_ = false;
    run_begin_ = group_begin_ = last_group_begin_ = last_group_end_ = size();
  }

  void end_run() { finish_correction(); }

  void number(const Tok& t) {
    switch (t.kind) {
      case WordKind::kRepeat:
        repeat_ = t.value;
        repeat_from_ = t.start;
        return;
      case WordKind::kDigit:
      case WordKind::kWeakZero:
        unit(t.value, t);
        break;
      case WordKind::kTeen:
        pair(t.value, t, 0);
        break;
      case WordKind::kTens:
        pair(t.value, t, 1);
        break;
      case WordKind::kHundred:
        append("00", t);
        fill_ = 2;
        break;
      case WordKind::kThousand:
        append("000", t);
        fill_ = 3;
        break;
      case WordKind::kOrdinal:
        if (t.value < 10)
          unit(t.value, t);
        else
          pair(t.value, t, 0);
        fill_ = 0;
        append(ordinal_suffix(t.value), t);
        break;
      default:
        break;
    }
    repeat_ = 0;
  }

  void separator(char c, size_t from, size_t to) {
    if (corr_) {
      if (size() == corr_new_begin_) return;
      finish_correction();
    }
    if (size() == run_begin_ || size() == group_begin_) return;
    last_group_begin_ = group_begin_;
    last_group_end_ = size();
    push(c, from, to);
    group_begin_ = size();
    fill_ = 0;
  }

  void correction() {
    if (corr_) {
      if (size() == corr_new_begin_) return;
      finish_correction();
    }
    if (size() > group_begin_) {
      corr_prev_begin_ = group_begin_;
      corr_prev_end_ = size();
      corr_prev_delimited_ = false;
    } else if (last_group_end_ > last_group_begin_) {
      corr_prev_begin_ = last_group_begin_;
      corr_prev_end_ = last_group_end_;
      corr_prev_delimited_ = true;
    } else {
      return;
    }
    corr_ = true;
    corr_new_begin_ = size();
    group_begin_ = size();
    fill_ = 0;
  }

 private:
  void unit(int v, const Tok& t) {
    char d = static_cast<char>('0' + v);
    if (repeat_ > 0) {
      for (int i = 0; i < repeat_; ++i) push(d, repeat_from_, t.end);
      fill_ = 0;
      return;
    }
    if (fill_ >= 1) {
      overwrite(std::string(1, d), t);
    } else {
      push(d, t.start, t.end);
    }
    fill_ = 0;
  }

  void pair(int v, const Tok& t, int fill_after) {
    std::string s{static_cast<char>('0' + v / 10),
                  static_cast<char>('0' + v % 10)};
    if (fill_ >= 2)
      overwrite(s, t);
    else
      append(s, t);
    fill_ = fill_after;
  }

  void append(std::string_view s, const Tok& t) {
    for (char c : s) push(c, t.start, t.end);
  }

  void overwrite(std::string_view s, const Tok& t) {
    size_t at = size() - s.size();
    for (size_t i = 0; i < s.size(); ++i) {
      n_.written_[at + i] = s[i];
      n_.to_[at + i] = static_cast<uint32_t>(t.end);
    }
  }

  // "four one, sorry, four two": the digits after the correction replace as
  // many digits of the group before it, and the span keeps the wrong digits.
  void finish_correction() {
    if (!corr_) return;
    corr_ = false;
    size_t k = size() - corr_new_begin_;
    if (k == 0) return;
    size_t prev_len = corr_prev_end_ - corr_prev_begin_;
    size_t r = std::min(prev_len, k);
    // Without pauses the group being repaired is unknown; speakers restate
    // a chunk of at most four digits, as cards and phones are read out.
    if (!corr_prev_delimited_) r = std::min<size_t>(r, 4);
    size_t erase_begin = corr_prev_end_ - r;
    uint32_t origin = n_.from_[erase_begin];
    auto& w = n_.written_;
    w.erase(w.begin() + erase_begin, w.begin() + corr_new_begin_);
    n_.from_.erase(n_.from_.begin() + erase_begin,
                   n_.from_.begin() + corr_new_begin_);
    n_.to_.erase(n_.to_.begin() + erase_begin,
                 n_.to_.begin() + corr_new_begin_);
    n_.from_[erase_begin] = origin;
    group_begin_ = corr_prev_begin_;
    last_group_begin_ = last_group_end_ = group_begin_;
  }

  Normalised& n_;
  std::string_view o_;
  int fill_ = 0;
  int repeat_ = 0;
  size_t repeat_from_ = 0;
  size_t run_begin_ = 0, group_begin_ = 0;
  size_t last_group_begin_ = 0, last_group_end_ = 0;
  bool corr_ = false;
  size_t corr_prev_begin_ = 0, corr_prev_end_ = 0, corr_new_begin_ = 0;
  bool corr_prev_delimited_ = false;
};

Normalised::Normalised(std::string_view original) : original_(original) {
  std::vector<Tok> toks = tokenize(original);
  resolve_numeric(toks);
  mark_runs(toks);
  mark_conversions(original, toks);

  bool any = false;
  for (const auto& t : toks) any = any || t.in_run || t.conv;
  identity_ = !any;
  if (!identity_) {
    NormaliserBuilder b(*this, original);
    size_t cursor = 0;
    for (size_t k = 0; k < toks.size(); ++k) {
      const Tok& t = toks[k];
      if (t.conv) {
        size_t stop = std::max(cursor, skip_spaces_back(original, t.start));
        b.copy(cursor, stop);
        b.push(t.conv, t.start, t.end);
        cursor = skip_spaces(original, t.end);
        continue;
      }
      if (!t.in_run) continue;
      if (t.run_first) {
        b.copy(cursor, std::max(cursor, static_cast<size_t>(t.start)));
        b.begin_run();
      } else {
        const Tok& p = toks[k - 1];
        if (t.gap == Gap::kComma) {
          b.separator(' ', p.end, t.start);
        } else if (t.gap == Gap::kHyphen &&
                   !(p.kind == WordKind::kTens &&
                     (t.kind == WordKind::kDigit ||
                      (t.kind == WordKind::kOrdinal && t.value < 10)))) {
          b.separator('-', p.end, t.start);
        }
      }
      cursor = t.end;
      switch (t.kind) {
        case WordKind::kCorrection:
        case WordKind::kMean:
          b.correction();
          break;
        case WordKind::kDash:
          b.separator('-', t.start, t.end);
          break;
        case WordKind::kDot:
          b.separator('.', t.start, t.end);
          break;
        case WordKind::kFiller:
        case WordKind::kYou:
        case WordKind::kKnow:
        case WordKind::kI:
          break;
        default:
          b.number(t);
      }
      if (t.run_last) b.end_run();
    }
    b.copy(cursor, original.size());
  }
  std::string_view w = text();
  lower_.resize(w.size());
  // Branch-free so that the compiler vectorises it.
  const unsigned char* src = reinterpret_cast<const unsigned char*>(w.data());
  char* dst = lower_.data();
  for (size_t i = 0, n = w.size(); i < n; ++i) {
    unsigned char c = src[i];
    dst[i] =
        static_cast<char>(c + ((static_cast<unsigned>(c - 'A') < 26u) << 5));
  }
}

std::pair<size_t, size_t> Normalised::to_original(size_t start,
                                                  size_t end) const {
  if (identity_ || written_.empty()) {
    start = std::min(start, original_.size());
    end = std::min(std::max(end, start), original_.size());
  } else {
    start = std::min(start, written_.size() - 1);
    end = std::min(std::max(end, start + 1), written_.size());
    size_t os = from_[start];
    size_t oe = to_[end - 1];
    for (size_t i = start; i < end; ++i) oe = std::max<size_t>(oe, to_[i]);
    start = os;
    end = oe;
  }
  return {utf8::floor_boundary(original_, start),
          utf8::ceil_boundary(original_, end)};
}

}  // namespace aihost::local_pii
