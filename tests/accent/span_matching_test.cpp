// Pairing anonymizer items (output offsets) with analyzer findings (input
// offsets) when Presidio merged or dropped findings.
#include "span_matching.hpp"

#include <aihost/plugin.hpp>

#include <catch2/catch.hpp>

using namespace aihost::accent;

namespace {

std::string bytes(const std::string& s, size_t b, size_t e) {
  REQUIRE(b <= e);
  REQUIRE(e <= s.size());
  return s.substr(b, e - b);
}

}  // namespace

TEST_CASE("merged findings of one type become one entity", "[accent][units]") {
  const std::string in = "é Jane Doe 😀 020 7946 0958.";
  const std::string out = "é <PERSON> 😀 <PHONE_NUMBER>.";
  std::vector<Finding> findings = {
      {"PHONE_NUMBER", 13, 26, 0.75, "presidio"},
      {"PERSON", 2, 6, 0.6, "presidio"},
      {"PERSON", 2, 10, 0.85, "SpacyRecognizer"},
  };
  // Presidio sends items reversed; parse_anonymize_response sorts them.
  std::vector<Item> items = {
      {"replace", "PERSON", 2, 10, "<PERSON>"},
      {"replace", "PHONE_NUMBER", 13, 27, "<PHONE_NUMBER>"}};
  CodePointIndex iin(in), iout(out);
  auto es = match_spans(iin, findings, iout, items);
  REQUIRE(es.size() == 2);
  CHECK(bytes(in, es[0].start, es[0].end) == "Jane Doe");
  CHECK(bytes(out, es[0].out_start, es[0].out_end) == "<PERSON>");
  CHECK(es[0].score == Approx(0.85));
  CHECK(es[0].recognizer == "SpacyRecognizer");
  CHECK(bytes(in, es[1].start, es[1].end) == "020 7946 0958");
  CHECK(bytes(out, es[1].out_start, es[1].out_end) == "<PHONE_NUMBER>");
}

TEST_CASE("a union grown by overlapping findings is recovered",
          "[accent][units]") {
  // PERSON [0,8) and PERSON [5,12) merge into [0,12).
  const std::string in = "Anna Lee Berg called";
  const std::string out = "<PERSON> called";
  std::vector<Finding> findings = {{"PERSON", 0, 8, 0.7, "a"},
                                   {"PERSON", 5, 13, 0.8, "b"}};
  std::vector<Item> items = {{"replace", "PERSON", 0, 8, "<PERSON>"}};
  CodePointIndex iin(in), iout(out);
  auto es = match_spans(iin, findings, iout, items);
  REQUIRE(es.size() == 1);
  CHECK(bytes(in, es[0].start, es[0].end) == "Anna Lee Berg");
  CHECK(es[0].score == Approx(0.8));
}

TEST_CASE("a finding dropped as contained leaves no entity",
          "[accent][units]") {
  const std::string in = "id 4111 1111 1111 1111 ok";
  const std::string out = "id <CREDIT_CARD> ok";
  std::vector<Finding> findings = {{"CREDIT_CARD", 3, 22, 1.0, "c"},
                                   {"US_BANK_NUMBER", 8, 17, 0.4, "d"}};
  std::vector<Item> items = {
      {"replace", "CREDIT_CARD", 3, 16, "<CREDIT_CARD>"}};
  CodePointIndex iin(in), iout(out);
  auto es = match_spans(iin, findings, iout, items);
  REQUIRE(es.size() == 1);
  CHECK(es[0].entity_type == "CREDIT_CARD");
  CHECK(bytes(in, es[0].start, es[0].end) == "4111 1111 1111 1111");
}

TEST_CASE("redact and mask keep the text around them aligned",
          "[accent][units]") {
  const std::string in = "a 😀😀 b 中中中 c";
  const std::string out = "a  b ••• c";
  std::vector<Finding> findings = {{"X", 2, 4, 0.5, "p"},
                                   {"Y", 7, 10, 0.5, "p"}};
  std::vector<Item> items = {{"redact", "X", 2, 2, ""},
                             {"mask", "Y", 5, 8, "•••"}};
  CodePointIndex iin(in), iout(out);
  auto es = match_spans(iin, findings, iout, items);
  REQUIRE(es.size() == 2);
  CHECK(bytes(in, es[0].start, es[0].end) == "😀😀");
  CHECK(es[0].out_start == es[0].out_end);
  CHECK(bytes(in, es[1].start, es[1].end) == "中中中");
  CHECK(bytes(out, es[1].out_start, es[1].out_end) == "•••");
}

TEST_CASE("items that cannot be placed are UPSTREAM_PROTOCOL",
          "[accent][units]") {
  const std::string in = "hello Jane";
  const std::string out = "HELLO <PERSON>";
  std::vector<Finding> findings = {{"PERSON", 6, 10, 0.9, "p"}};
  std::vector<Item> items = {{"replace", "PERSON", 6, 14, "<PERSON>"}};
  CodePointIndex iin(in), iout(out);
  try {
    match_spans(iin, findings, iout, items);
    FAIL("expected an error");
  } catch (const aihost::sdk::Error& e) {
    CHECK(e.status() == AIHOST_UPSTREAM_PROTOCOL);
  }
}
