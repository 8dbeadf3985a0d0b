// Skip-fast searches over the lower-cased text. Most bytes of a transcript
// can start no entity, so the recognisers jump from candidate to candidate
// (a digit, an '@', a word starting with a trigger letter) sixteen bytes at
// a time instead of looking at every byte.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aihost::local_pii::scan {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A \b word character of lower-cased text: [0-9a-z_].
inline bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_';
}

#if defined(__SSE2__)
namespace detail {

inline __m128i load(const char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// Bytes in [lo, hi]; both ASCII, so bytes >= 0x80 (negative) never match.
inline __m128i in_range(__m128i v, char lo, char hi) {
  return _mm_and_si128(
      _mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
      _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

inline __m128i word_bytes(__m128i v) {
  return _mm_or_si128(
      _mm_or_si128(in_range(v, 'a', 'z'), in_range(v, '0', '9')),
      _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
}

inline size_t first_bit(unsigned bits) {
  return static_cast<size_t>(__builtin_ctz(bits));
}

}  // namespace detail
#endif

// The first ASCII digit at or after `pos`, or s.size().
inline size_t next_digit(std::string_view s, size_t pos) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  for (; pos + 16 <= n; pos += 16) {
    unsigned bits = static_cast<unsigned>(
        _mm_movemask_epi8(detail::in_range(detail::load(p + pos), '0', '9')));
    if (bits) return pos + detail::first_bit(bits);
  }
#endif
  for (; pos < n; ++pos)
    if (is_digit(p[pos])) return pos;
  return n;
}

// The first of the bytes `a`, `b`, `c` at or after `pos`, or s.size().
inline size_t next_of(std::string_view s, size_t pos, char a, char b, char c) {
  const char* p = s.data();
  const size_t n = s.size();
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b),
                vc = _mm_set1_epi8(c);
  for (; pos + 16 <= n; pos += 16) {
    __m128i v = detail::load(p + pos);
    __m128i m =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                     _mm_cmpeq_epi8(v, vc));
    unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(m));
    if (bits) return pos + detail::first_bit(bits);
  }
#endif
  for (; pos < n; ++pos)
    if (p[pos] == a || p[pos] == b || p[pos] == c) return pos;
  return n;
}

// The first position at or after `pos` where a word (after a byte that is
// not [0-9a-z_], or at the start) begins with one of `letters`, or s.size().
inline size_t next_word_start(std::string_view s, size_t pos,
                              std::string_view letters) {
  const char* p = s.data();
  const size_t n = s.size();
  auto starts = [&](size_t i) {
    if (i > 0 && is_word(p[i - 1])) return false;
    return letters.find(p[i]) != std::string_view::npos;
  };
  if (pos == 0 && n > 0) {
    if (starts(0)) return 0;
    pos = 1;
  }
#if defined(__SSE2__)
  for (; pos + 16 <= n; pos += 16) {
    __m128i v = detail::load(p + pos);
    __m128i m = _mm_setzero_si128();
    for (char l : letters)
      m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(l)));
    m = _mm_andnot_si128(detail::word_bytes(detail::load(p + pos - 1)), m);
    unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(m));
    if (bits) return pos + detail::first_bit(bits);
  }
#endif
  for (; pos < n; ++pos)
    if (starts(pos)) return pos;
  return n;
}

}  // namespace aihost::local_pii::scan
