// The spoken-to-written normaliser: what it writes, and that every written
// byte maps back into the original transcript.
#include "normaliser.hpp"

#include <catch2/catch.hpp>

#include <string>

using aihost::local_pii::Normalised;

namespace {

std::string written(const std::string& spoken) {
  return std::string(Normalised(spoken).text());
}

// The original text behind the first occurrence of `w` in the written form.
std::string origin_of(const Normalised& n, std::string_view w) {
  size_t at = n.text().find(w);
  REQUIRE(at != std::string_view::npos);
  auto [b, e] = n.to_original(at, at + w.size());
  return std::string(n.original().substr(b, e - b));
}

}  // namespace

TEST_CASE("digits spoken one by one become a digit string", "[normaliser]") {
  CHECK(written("my pin is four one five two") == "my pin is 4152");
  CHECK(written("FOUR ONE FIVE TWO") == "4152");
  CHECK(written("zip is nine oh two one oh") == "zip is 90210");
  CHECK(written("oh two three") == "023");
  CHECK(written("double five triple seven oh") == "557770");
  CHECK(written("double oh seven") == "007");
  CHECK(written("triple oh oh") == "0000");
}

TEST_CASE("oh, o and double stay words outside numbers", "[normaliser]") {
  CHECK(written("oh I see, let me double check") ==
        "oh I see, let me double check");
  CHECK(written("o k then") == "o k then");
  CHECK(written("hundreds of people") == "hundreds of people");
}

TEST_CASE("teens, tens, hundreds and thousands", "[normaliser]") {
  CHECK(written("nineteen eighty five") == "1985");
  CHECK(written("twenty twenty three") == "2023");
  CHECK(written("two thousand and") == "2000 and");
  CHECK(written("two thousand five") == "2005");
  CHECK(written("two thousand fifteen") == "2015");
  CHECK(written("four hundred dollars") == "400 dollars");
  CHECK(written("one hundred twenty three") == "123");
  CHECK(written("twenty-three") == "23");
  CHECK(written("five fifty five, one two one two") == "555 1212");
}

TEST_CASE("ordinals end a number and keep their suffix", "[normaliser]") {
  CHECK(written("march third nineteen eighty five") == "march 3rd 1985");
  CHECK(written("the twenty first of june") == "the 21st of june");
  CHECK(written("on the thirtieth") == "on the 30th");
}

TEST_CASE("pauses between spoken groups become blanks", "[normaliser]") {
  CHECK(written("one two three, four five, six seven eight nine") ==
        "123 45 6789");
  CHECK(written("five five five dash one two one two") == "555-1212");
  CHECK(written("one nine two dot one six eight dot oh dot one") ==
        "192.168.0.1");
}

TEST_CASE("fillers inside a number are dropped", "[normaliser]") {
  CHECK(written("four one uh one one") == "4111");
  CHECK(written("four one, um, one one") == "41 11");
  CHECK(written("four one you know one one") == "4111");
  CHECK(written("five like five five") == "555");
  // Outside numbers they are left alone.
  CHECK(written("um I like it") == "um I like it");
}

TEST_CASE("self-corrections inside a number keep the corrected digits",
          "[normaliser]") {
  CHECK(written("four one, sorry, four two") == "42");
  CHECK(written("four one no four two") == "42");
  CHECK(written("one one one, one one one, one one, i mean, one one one") ==
        "111 111 111");
  CHECK(written("five five five one two three four, actually, five") ==
        "5551235");
  Normalised n("it's four one, sorry, four two thanks");
  // The whole corrected utterance is the span: the wrong digits too.
  CHECK(origin_of(n, "42") == "four one, sorry, four two");
}

TEST_CASE("spoken separators of addresses", "[normaliser]") {
  CHECK(written("john dot smith at gmail dot com") == "john.smith@gmail.com");
  CHECK(written("j underscore doe at mail dot example dot co dot uk") ==
        "j_doe@mail.example.co.uk");
  CHECK(written("mary dash ann at example dot org") == "mary-ann@example.org");
  CHECK(written("h t t p s colon slash slash example dot com") ==
        "h t t p s://example.com");
  // "at" is only an at-sign when a domain follows.
  CHECK(written("I am at home") == "I am at home");
  CHECK(written("call me at nine") == "call me at nine");  // a lone word
  CHECK(written("plus one four one five") == "+1415");
}

TEST_CASE("written text is left untouched", "[normaliser]") {
  std::string text =
      "Card 4111-1111-1111-1111, mail a.b@c.org, call (415) 555-0100.";
  Normalised n(text);
  CHECK(n.identity());
  CHECK(n.text() == text);
  auto [b, e] = n.to_original(5, 24);
  CHECK(text.substr(b, e - b) == "4111-1111-1111-1111");
}

TEST_CASE("offsets map back through multi-byte text", "[normaliser][utf8]") {
  std::string text = "Zoë said “my card is four one one one” — ok";
  Normalised n(text);
  CHECK(n.text() == "Zoë said “my card is 4111” — ok");
  CHECK(origin_of(n, "4111") == "four one one one");
  CHECK(origin_of(n, "Zoë") == "Zoë");
  CHECK(origin_of(n, "— ok") == "— ok");
  // A range that starts inside a multi-byte character widens to it.
  size_t dash = n.text().find("—");
  auto [b, e] = n.to_original(dash + 1, dash + 2);
  CHECK(text.substr(b, e - b) == "—");
}
