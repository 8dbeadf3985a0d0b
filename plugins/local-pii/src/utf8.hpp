// Byte-level UTF-8 helpers: offsets handed out must sit on code point
// boundaries, and masking counts characters, not bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace aihost::local_pii::utf8 {

inline bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Moves `pos` back to the start of the code point it falls in.
inline size_t floor_boundary(std::string_view s, size_t pos) {
  if (pos >= s.size()) return s.size();
  while (pos > 0 && is_continuation(static_cast<unsigned char>(s[pos]))) --pos;
  return pos;
}

// Moves `pos` forward to the next code point start (or the end).
inline size_t ceil_boundary(std::string_view s, size_t pos) {
  if (pos >= s.size()) return s.size();
  while (pos < s.size() && is_continuation(static_cast<unsigned char>(s[pos])))
    ++pos;
  return pos;
}

inline size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += !is_continuation(c);
  return n;
}

// Length in bytes of the code point starting at s[pos] (1 for a stray byte).
inline size_t code_point_length(std::string_view s, size_t pos) {
  size_t end = pos + 1;
  while (end < s.size() && is_continuation(static_cast<unsigned char>(s[end])))
    ++end;
  return end - pos;
}

// Whether the non-ASCII code point at s[pos] can be part of a word. Without
// Unicode tables this is a deny-list of the punctuation blocks transcripts
// actually contain: Latin-1 symbols and NBSP (U+0080-U+00BF, U+00D7,
// U+00F7), general punctuation such as curly quotes, dashes and ellipsis
// (U+2000-U+206F) and CJK punctuation (U+3000-U+303F).
inline bool non_ascii_letter(std::string_view s, size_t pos) {
  unsigned char a = static_cast<unsigned char>(s[pos]);
  unsigned char b =
      pos + 1 < s.size() ? static_cast<unsigned char>(s[pos + 1]) : 0;
  unsigned char c =
      pos + 2 < s.size() ? static_cast<unsigned char>(s[pos + 2]) : 0;
  if (a == 0xC2) return false;
  if (a == 0xC3 && (b == 0x97 || b == 0xB7)) return false;
  if (a == 0xE2 && (b == 0x80 || b == 0x81)) return false;
  if (a == 0xE3 && b == 0x80 && c >= 0x80 && c <= 0xBF) return false;
  return a >= 0x80;
}

}  // namespace aihost::local_pii::utf8
