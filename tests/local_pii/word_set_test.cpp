// The word sets behind the spoken-number vocabulary and the person stop
// words: members of every length up to the 16-byte key, near misses that
// share a prefix or a length, and words too long to be members.
#include "word_set.hpp"
#include "spoken_words.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace aihost::local_pii;

TEST_CASE("a word set finds its members and nothing else", "[word_set]") {
  WordSet<int, 64> set;
  const char* kWords[] = {
      "a", "ab", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "é"};
  int v = 1;
  for (std::string_view w : kWords) set.add(w, v++);
  v = 1;
  for (std::string_view w : kWords) CHECK(set.find(w) == v++);
  for (std::string_view w : {"", "b", "abc", "abcdefgi", "abcdefghij",
                             "abcdefghijklmnoq", "abcdefghijklmnopq", "e"})
    CHECK(set.find(w, -1) == -1);
}

TEST_CASE("spoken words are looked up past the two-letter filter",
          "[word_set][normaliser]") {
  CHECK(lookup_spoken_word("o").kind == WordKind::kWeakZero);
  CHECK(lookup_spoken_word("i").kind == WordKind::kI);
  CHECK(lookup_spoken_word("oh").kind == WordKind::kWeakZero);
  CHECK(lookup_spoken_word("seventeenth").value == 17);
  CHECK(lookup_spoken_word("underscore").kind == WordKind::kUnderscore);
  CHECK(lookup_spoken_word("nineteen").value == 19);
  for (std::string_view w : {"a", "x", "on", "oz", "ones", "twelv", "zeros",
                             "th", "the", "numbers", "seventeenths"})
    CHECK(lookup_spoken_word(w).kind == WordKind::kNone);
}

TEST_CASE("the inline spoken-word filter keeps every vocabulary word",
          "[word_set][normaliser]") {
  // Any case: the normaliser asks before lower-casing.
  for (std::string_view w : {"o", "O", "oh", "OH", "Seventeenth", "ZERO", "uh",
                             "i", "I", "Underscore", "at", "no"})
    CHECK(may_be_spoken_word(w));
  for (std::string_view w : {"", "The", "for", "on", "x", "Numbers",
                             "seventeenths", "o[", "@t", "é"})
    CHECK_FALSE(may_be_spoken_word(w));
}
