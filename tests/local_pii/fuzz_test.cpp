// Random bytes and random soups of the tokens the normaliser and recognisers
// care about: nothing crashes, every finding is inside the text, on UTF-8
// boundaries, sorted and non-overlapping, and the anonymiser's output offsets
// point at what it wrote. Seeds are fixed so failures reproduce.
#include "analyzer.hpp"
#include "anonymizer.hpp"
#include "utf8.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace aihost::local_pii;

namespace {

void check_invariants(const std::string& text) {
  auto found = analyze(text);
  size_t prev_end = 0;
  for (const auto& f : found) {
    REQUIRE(f.start < f.end);
    REQUIRE(f.end <= text.size());
    REQUIRE(f.start >= prev_end);
    REQUIRE(utf8::floor_boundary(text, f.start) == f.start);
    REQUIRE(utf8::ceil_boundary(text, f.end) == f.end);
    REQUIRE(f.score >= kMinScore);
    REQUIRE(f.score <= 1.0);
    prev_end = f.end;
  }
  static const Operator op = [] {
    Operator o;
    o.method = "mask";
    o.masking_char = "é";  // multi-byte: out offsets must still add up
    return o;
  }();
  auto a = anonymize(text, found, op);
  for (const auto& p : a.entities) {
    REQUIRE(p.out_start <= p.out_end);
    REQUIRE(p.out_end <= a.text.size());
  }
}

const char* const kTokens[] = {"one",        "two",         "three",
                               "four",       "five",        "six",
                               "seven",      "eight",       "nine",
                               "zero",       "oh",          "o",
                               "double",     "triple",      "ten",
                               "fifteen",    "twenty",      "ninety",
                               "hundred",    "thousand",    "first",
                               "third",      "thirtieth",   "uh",
                               "um",         "like",        "sorry",
                               "no",         "actually",    "i",
                               "mean",       "you",         "know",
                               "dash",       "dot",         "point",
                               "at",         "underscore",  "slash",
                               "colon",      "plus",        "my",
                               "card",       "social",      "name",
                               "is",         "this",        "speaking",
                               "mr.",        "march",       "born",
                               "iban",       "g",           "b",
                               "account",    "driver's",    "license",
                               "order",      "$",           "@",
                               ".",          ",",           "-",
                               "(",          ")",           ":",
                               "/",          "4111",        "1111",
                               "555",        "0123",        "192.168.0.1",
                               "::1",        "a@b.co",      "www.x.com",
                               "GB82",       "WEST",        "Zoë",
                               "“",          "—",           "😀",
                               "\n",         "  ",          "-",
                               "12/31/1999", "2001:db8::1", "https://a.io/x"};

}  // namespace

TEST_CASE("random bytes never crash or leave the text", "[fuzz]") {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> len(0, 300), byte(0, 255);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s(static_cast<size_t>(len(rng)), '\0');
    for (auto& c : s) c = static_cast<char>(byte(rng));
    check_invariants(s);
  }
}

TEST_CASE("random token soups never crash or leave the text", "[fuzz]") {
  std::mt19937 rng(67890);
  std::uniform_int_distribution<size_t> pick(0, std::size(kTokens) - 1);
  std::uniform_int_distribution<int> len(1, 60), sep(0, 5);
  for (int iter = 0; iter < 4000; ++iter) {
    std::string s;
    int n = len(rng);
    for (int i = 0; i < n; ++i) {
      s += kTokens[pick(rng)];
      int k = sep(rng);
      s += k == 0 ? "" : k == 1 ? ", " : " ";
    }
    INFO(s);
    check_invariants(s);
  }
}

TEST_CASE("long inputs stay linear", "[fuzz]") {
  std::string unit =
      "my card is four one one one one one one one one one one "
      "one one one one one, call 415-555-0123. ";
  std::string big;
  while (big.size() < (1u << 20)) big += unit;
  auto found = analyze(big);
  CHECK(found.size() == 2 * (big.size() / unit.size()));
}
