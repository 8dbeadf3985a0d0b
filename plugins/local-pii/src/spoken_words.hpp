// The vocabulary of spoken numbers and separators that the normaliser
// rewrites. Lookup is by lower-cased word; anything not listed is text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aihost::local_pii {

enum class WordKind : uint8_t {
  kNone,
  kDigit,       // zero..nine; value 0-9
  kWeakZero,    // "oh", "o": zero only next to other digits
  kTeen,        // ten..nineteen; value 10-19
  kTens,        // twenty..ninety; value 20-90
  kHundred,     // value 100
  kThousand,    // value 1000
  kRepeat,      // double, triple; value 2 or 3
  kOrdinal,     // first..thirty-first pieces; value 1-19, 20, 30
  kFiller,      // uh, um, like, ...
  kCorrection,  // sorry, actually, wait, no, oops
  kYou,         // "you" of "you know"
  kKnow,
  kI,  // "i" of "i mean"
  kMean,
  kDash,  // dash, hyphen
  kDot,   // dot, point
  kAt,
  kUnderscore,
  kSlash,
  kColon,
  kPlus,
};

struct SpokenWord {
  WordKind kind = WordKind::kNone;
  uint16_t value = 0;
};

// `lower` must already be ASCII lower-case.
SpokenWord lookup_spoken_word(std::string_view lower);

namespace detail {
// Per pair of first letters (a-z, then a-z or the end of a one-letter
// word): bit n set when a vocabulary word of length n starts with them.
inline constexpr size_t kPairs = 26 * 27;
extern const std::array<uint16_t, kPairs> kSpokenLengths;
}  // namespace detail

// False when no vocabulary word has this ASCII word's first two letters
// (either case) and length: most words of a text, ruled out inline before
// they are lower-cased and looked up.
inline bool may_be_spoken_word(std::string_view ascii) {
  auto letter = [](char c) {
    return static_cast<unsigned>((static_cast<unsigned char>(c) | 0x20) - 'a');
  };
  const size_t n = ascii.size();
  if (n == 0 || n > 15) return false;
  unsigned a = letter(ascii[0]), b = n > 1 ? letter(ascii[1]) : 26;
  if (a >= 26 || b > 26) return false;
  return detail::kSpokenLengths[a * 27 + b] & (1u << n);
}

// True for top-level domains a spoken or written address may end with.
bool is_common_tld(std::string_view lower);

}  // namespace aihost::local_pii
