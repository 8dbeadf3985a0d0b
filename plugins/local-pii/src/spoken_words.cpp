#include "spoken_words.hpp"

#include "word_set.hpp"

#include <cstdint>

namespace aihost::local_pii {
namespace {

struct Entry {
  std::string_view word;
  WordKind kind;
  uint16_t value;
};

using K = WordKind;

constexpr Entry kWords[] = {
    {"zero", K::kDigit, 0},
    {"oh", K::kWeakZero, 0},
    {"o", K::kWeakZero, 0},
    {"one", K::kDigit, 1},
    {"two", K::kDigit, 2},
    {"three", K::kDigit, 3},
    {"four", K::kDigit, 4},
    {"five", K::kDigit, 5},
    {"six", K::kDigit, 6},
    {"seven", K::kDigit, 7},
    {"eight", K::kDigit, 8},
    {"nine", K::kDigit, 9},
    {"ten", K::kTeen, 10},
    {"eleven", K::kTeen, 11},
    {"twelve", K::kTeen, 12},
    {"thirteen", K::kTeen, 13},
    {"fourteen", K::kTeen, 14},
    {"fifteen", K::kTeen, 15},
    {"sixteen", K::kTeen, 16},
    {"seventeen", K::kTeen, 17},
    {"eighteen", K::kTeen, 18},
    {"nineteen", K::kTeen, 19},
    {"twenty", K::kTens, 20},
    {"thirty", K::kTens, 30},
    {"forty", K::kTens, 40},
    {"fourty", K::kTens, 40},
    {"fifty", K::kTens, 50},
    {"sixty", K::kTens, 60},
    {"seventy", K::kTens, 70},
    {"eighty", K::kTens, 80},
    {"ninety", K::kTens, 90},
    {"hundred", K::kHundred, 100},
    {"thousand", K::kThousand, 1000},
    {"double", K::kRepeat, 2},
    {"triple", K::kRepeat, 3},
    {"first", K::kOrdinal, 1},
    {"second", K::kOrdinal, 2},
    {"third", K::kOrdinal, 3},
    {"fourth", K::kOrdinal, 4},
    {"fifth", K::kOrdinal, 5},
    {"sixth", K::kOrdinal, 6},
    {"seventh", K::kOrdinal, 7},
    {"eighth", K::kOrdinal, 8},
    {"ninth", K::kOrdinal, 9},
    {"tenth", K::kOrdinal, 10},
    {"eleventh", K::kOrdinal, 11},
    {"twelfth", K::kOrdinal, 12},
    {"thirteenth", K::kOrdinal, 13},
    {"fourteenth", K::kOrdinal, 14},
    {"fifteenth", K::kOrdinal, 15},
    {"sixteenth", K::kOrdinal, 16},
    {"seventeenth", K::kOrdinal, 17},
    {"eighteenth", K::kOrdinal, 18},
    {"nineteenth", K::kOrdinal, 19},
    {"twentieth", K::kOrdinal, 20},
    {"thirtieth", K::kOrdinal, 30},
    {"uh", K::kFiller, 0},
    {"um", K::kFiller, 0},
    {"uhm", K::kFiller, 0},
    {"umm", K::kFiller, 0},
    {"uhh", K::kFiller, 0},
    {"er", K::kFiller, 0},
    {"erm", K::kFiller, 0},
    {"ah", K::kFiller, 0},
    {"hmm", K::kFiller, 0},
    {"mm", K::kFiller, 0},
    {"like", K::kFiller, 0},
    {"okay", K::kFiller, 0},
    {"sorry", K::kCorrection, 0},
    {"actually", K::kCorrection, 0},
    {"wait", K::kCorrection, 0},
    {"no", K::kCorrection, 0},
    {"oops", K::kCorrection, 0},
    {"correction", K::kCorrection, 0},
    {"you", K::kYou, 0},
    {"know", K::kKnow, 0},
    {"i", K::kI, 0},
    {"mean", K::kMean, 0},
    {"dash", K::kDash, 0},
    {"hyphen", K::kDash, 0},
    {"dot", K::kDot, 0},
    {"point", K::kDot, 0},
    {"at", K::kAt, 0},
    {"underscore", K::kUnderscore, 0},
    {"slash", K::kSlash, 0},
    {"colon", K::kColon, 0},
    {"plus", K::kPlus, 0},
};

constexpr std::array<uint16_t, detail::kPairs> spoken_lengths() {
  std::array<uint16_t, detail::kPairs> t{};
  for (const auto& w : kWords) {
    size_t a = static_cast<size_t>(w.word[0] - 'a');
    size_t b = w.word.size() > 1 ? static_cast<size_t>(w.word[1] - 'a') : 26;
    t[a * 27 + b] = static_cast<uint16_t>(t[a * 27 + b] | 1u << w.word.size());
  }
  return t;
}

class Table {
 public:
  Table() {
    for (const auto& w : kWords) words_.add(w.word, {w.kind, w.value});
  }

  SpokenWord find(std::string_view w) const {
    // Most words of a text are not spoken numbers; their first two letters
    // and their length already say so ("the", "for", "on"), without
    // hashing the word.
    if (!may_be_spoken_word(w)) return {};
    return words_.find(w);
  }

 private:
  WordSet<SpokenWord, 512> words_;  // under a fifth full
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

constexpr std::array<uint16_t, detail::kPairs> detail::kSpokenLengths =
    spoken_lengths();

SpokenWord lookup_spoken_word(std::string_view lower) {
  if (lower.empty() || lower.size() > 11) return {};
  return table().find(lower);
}

bool is_common_tld(std::string_view lower) {
  static constexpr std::string_view kTlds[] = {
      "com", "org",  "net", "edu", "gov", "mil", "io",  "co",  "us",
      "uk",  "ca",   "de",  "fr",  "es",  "it",  "nl",  "au",  "in",
      "jp",  "info", "biz", "me",  "ai",  "app", "dev", "ly",  "tv",
      "eu",  "ch",   "se",  "no",  "ie",  "mx",  "br",  "xyz", "online"};
  for (auto t : kTlds)
    if (t == lower) return true;
  return false;
}

}  // namespace aihost::local_pii
