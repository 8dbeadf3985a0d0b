// Presidio is written in Python, so every offset it reports is an index into
// a Python str: a count of Unicode code points. The normalised results speak
// UTF-8 bytes. This index converts between the two for one text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::accent {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing
// above U+10FFFF).
bool valid_utf8(std::string_view text);

class CodePointIndex {
 public:
  // `text` must outlive the index. Ill-formed UTF-8 throws
  // std::invalid_argument.
  explicit CodePointIndex(std::string_view text);

  // Number of code points.
  size_t size() const { return starts_.size() - 1; }
  // Byte offset of code point `cp`; `cp == size()` is the end of the text.
  // Throws std::out_of_range beyond that.
  size_t byte_offset(size_t cp) const;
  // The bytes of code points [from, to).
  std::string_view slice(size_t from, size_t to) const;
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // byte offset of each code point, then size
};

}  // namespace aihost::accent
