// Spoken-to-written normalisation with a map back to the original text.
//
// Call-center transcripts say "four one one one, one one one one", "john dot
// smith at gmail dot com" or "oh two, sorry, oh three". The recognisers only
// understand written forms, so the normaliser rewrites spoken numbers and
// separators into digits and symbols, drops fillers and applies
// self-corrections inside numbers, and remembers for every written byte which
// original bytes it came from. Text it does not rewrite is copied verbatim.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::local_pii {

class Normalised {
 public:
  explicit Normalised(std::string_view original);

  std::string_view original() const { return original_; }
  // The written form the recognisers scan.
  std::string_view text() const {
    return identity_ ? original_ : std::string_view(written_);
  }
  // ASCII lower-cased copy of text(), same offsets.
  std::string_view lower() const { return lower_; }
  bool identity() const { return identity_; }

  // Maps a written range [start, end) to the original range it came from.
  // Both ends land on code point boundaries of the original.
  std::pair<size_t, size_t> to_original(size_t start, size_t end) const;

 private:
  std::string_view original_;
  bool identity_ = true;
  std::string written_;
  std::string lower_;
  std::vector<uint32_t> from_;  // per written byte: first original byte
  std::vector<uint32_t> to_;    // per written byte: end of its original bytes
  friend class NormaliserBuilder;
};

}  // namespace aihost::local_pii
