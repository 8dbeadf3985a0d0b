#include "code_points.hpp"

#include <stdexcept>

namespace aihost::accent {
namespace {

// Length of the well-formed sequence at text[i], or 0 when ill-formed.
size_t sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

bool valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t n = sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

CodePointIndex::CodePointIndex(std::string_view text) : text_(text) {
  starts_.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    size_t n = sequence_length(text, i);
    if (n == 0)
      throw std::invalid_argument("ill-formed UTF-8 at byte " +
                                  std::to_string(i));
    starts_.push_back(i);
    i += n;
  }
  starts_.push_back(text.size());
}

size_t CodePointIndex::byte_offset(size_t cp) const {
  if (cp >= starts_.size())
    throw std::out_of_range("code point offset " + std::to_string(cp) +
                            " is beyond the text's " + std::to_string(size()) +
                            " code points");
  return starts_[cp];
}

std::string_view CodePointIndex::slice(size_t from, size_t to) const {
  size_t b = byte_offset(from), e = byte_offset(to);
  if (e < b) throw std::out_of_range("reversed code point range");
  return text_.substr(b, e - b);
}

}  // namespace aihost::accent
