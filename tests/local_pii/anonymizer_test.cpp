// The operators: replace, mask, redact and hash, and where each finding
// lands in the output.
#include "anonymizer.hpp"

#include <catch2/catch.hpp>

using namespace aihost::local_pii;

namespace {

const std::string kText = "card 4111111111111111 for Zoë Ünal";
const std::vector<Finding> kFound = {
    {entity::kCreditCard, 5, 21, 1.0, "CreditCardRecognizer"},
    {entity::kPerson, 26, 36, 0.85, "PersonRecognizer"},
};

std::string at_out(const Anonymized& a, size_t i) {
  return a.text.substr(a.entities[i].out_start,
                       a.entities[i].out_end - a.entities[i].out_start);
}

}  // namespace

TEST_CASE("replace uses the entity tag or new_value", "[anonymizer]") {
  REQUIRE(kText.substr(26, 10) == "Zoë Ünal");
  Operator op;
  auto a = anonymize(kText, kFound, op);
  CHECK(a.text == "card <CREDIT_CARD> for <PERSON>");
  CHECK(at_out(a, 0) == "<CREDIT_CARD>");
  CHECK(at_out(a, 1) == "<PERSON>");
  op.new_value = "[x]";
  CHECK(anonymize(kText, kFound, op).text == "card [x] for [x]");
}

TEST_CASE("redact deletes the span", "[anonymizer]") {
  Operator op;
  op.method = "redact";
  auto a = anonymize(kText, kFound, op);
  CHECK(a.text == "card  for ");
  CHECK(a.entities[0].out_start == a.entities[0].out_end);
  CHECK(a.entities[1].out_start == 10);
}

TEST_CASE("mask counts characters, not bytes", "[anonymizer]") {
  Operator op;
  op.method = "mask";
  op.masking_char = "#";
  auto a = anonymize(kText, kFound, op);
  CHECK(a.text == "card ################ for ########");
  op.chars_to_mask = 12;
  op.from_end = false;
  CHECK(anonymize(kText, kFound, op).text ==
        "card ############1111 for ########");
  op.from_end = true;
  CHECK(anonymize(kText, kFound, op).text ==
        "card 4111############ for ########");
  op.chars_to_mask = 3;
  CHECK(anonymize(kText, kFound, op).text ==
        "card 4111111111111### for Zoë Ü###");
  op.masking_char = "•";  // a multi-byte masking character
  op.chars_to_mask.reset();
  auto m = anonymize(kText, {kFound[1]}, op);
  CHECK(m.text == "card 4111111111111111 for ••••••••");
  CHECK(at_out(m, 0) == "••••••••");
}

TEST_CASE("hash is hex SHA-256 or SHA-512 of text plus salt", "[anonymizer]") {
  // Known digests of "abc".
  CHECK(hex_digest("sha256", "abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex_digest("sha512", "abc").substr(0, 32) ==
        "ddaf35a193617abacc417349ae204131");
  Operator op;
  op.method = "hash";
  op.hash_salt = "pepper-0123456789";
  auto a = anonymize(kText, kFound, op);
  CHECK(at_out(a, 0) ==
        hex_digest("sha256", "4111111111111111pepper-0123456789"));
  CHECK(at_out(a, 0).size() == 64);
  op.hash_type = "sha512";
  CHECK(at_out(anonymize(kText, kFound, op), 0).size() == 128);
  CHECK(random_salt(32).size() == 64);
  CHECK(random_salt(32) != random_salt(32));
}

TEST_CASE("overlapping findings are a programming error", "[anonymizer]") {
  std::vector<Finding> bad = {kFound[0], kFound[0]};
  CHECK_THROWS_AS(anonymize(kText, bad, Operator{}), std::logic_error);
}
