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

}  // namespace aihost::local_pii::utf8
