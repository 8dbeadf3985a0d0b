// The vocabulary of spoken numbers and separators that the normaliser
// rewrites. Lookup is by lower-cased word; anything not listed is text.
#pragma once

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

// True for top-level domains a spoken or written address may end with.
bool is_common_tld(std::string_view lower);

}  // namespace aihost::local_pii
