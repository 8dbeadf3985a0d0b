// Each redaction method end to end: plugin -> host egress -> fake analyzer
// and anonymizer, with the requests checked as the fakes recorded them.
#include "accent_rig.hpp"
#include "fakes/fake_presidio_sha2.hpp"

#include <catch2/catch.hpp>

using namespace accent_test;

namespace {

const std::string kText =
    "Please email jane.doe@example.org or call +1 (415) 555-0134 before "
    "Friday, Jane Doe said.";

// Entities by type, checking each one's input bytes are what was found.
std::map<std::string, json> by_type(const json& entities) {
  std::map<std::string, json> m;
  for (const auto& e : entities) m[e["entity_type"].get<std::string>()] = e;
  return m;
}

void check_inputs(const json& entities) {
  auto m = by_type(entities);
  REQUIRE(m.size() == 3);
  CHECK(slice(kText, m["EMAIL_ADDRESS"]["start"], m["EMAIL_ADDRESS"]["end"]) ==
        "jane.doe@example.org");
  CHECK(slice(kText, m["PHONE_NUMBER"]["start"], m["PHONE_NUMBER"]["end"]) ==
        "+1 (415) 555-0134");
  CHECK(slice(kText, m["PERSON"]["start"], m["PERSON"]["end"]) == "Jane Doe");
}

}  // namespace

TEST_CASE("replace by default writes <ENTITY_TYPE>", "[accent][methods]") {
  Rig rig;
  auto out = rig.redact({{"text", kText}});
  REQUIRE(out.ok());
  const json& r = out.result;
  CHECK(r["text"] ==
        "Please email <EMAIL_ADDRESS> or call <PHONE_NUMBER> before Friday, "
        "<PERSON> said.");
  CHECK(r["provider"] == "presidio");
  CHECK(r["segments"].empty());
  REQUIRE(r["entities"].size() == 3);
  check_inputs(r["entities"]);
  std::string redacted = r["text"];
  for (const auto& e : r["entities"]) {
    CHECK(slice(redacted, e["out_start"], e["out_end"]) == placeholder(e));
    CHECK(e["operator"] == "replace");
    CHECK(e["recognizer"] == "presidio");
  }
  // Entities are in order of position.
  CHECK(r["entities"][0]["entity_type"] == "EMAIL_ADDRESS");
  CHECK(r["entities"][2]["entity_type"] == "PERSON");
  // "Jane" and "Jane Doe" were both found; Presidio merged them into one
  // span at the higher score.
  CHECK(by_type(r["entities"])["PERSON"]["score"] ==
        Approx(aihost::fakes::kPersonScore));
  CHECK(r["usage"]["characters"] == kText.size());  // ASCII: bytes = chars
  CHECK(r["usage"]["requests"] == 2);

  // The wire: exactly what Presidio expects.
  REQUIRE(rig.analyzer_calls() == 1);
  REQUIRE(rig.anonymizer_calls() == 1);
  auto areq = rig.presidio.analyzer().requests()[0];
  CHECK(areq.method == "POST");
  CHECK(areq.path == "/analyze");
  CHECK(areq.header("Content-Type") ==
        std::optional<std::string>("application/json"));
  CHECK_FALSE(areq.header("Authorization").has_value());
  CHECK(rig.analyzer_body() == json{{"text", kText},
                                    {"language", "en"},
                                    {"return_decision_process", false}});
  auto nreq = rig.presidio.anonymizer().requests()[0];
  CHECK(nreq.path == "/anonymize");
  CHECK(nreq.header("Content-Type") ==
        std::optional<std::string>("application/json"));
  json ab = rig.anonymizer_body();
  CHECK(ab["text"] == kText);
  CHECK(ab["anonymizers"] == json{{"DEFAULT", {{"type", "replace"}}}});
  // The analyzer's list goes through unchanged (four findings, "Jane" too).
  json answer = json::parse(
      aihost::fakes::presidio_analyze(rig.analyzer_body(), false).body);
  CHECK(ab["analyzer_results"] == answer);
  CHECK(ab["analyzer_results"].size() == 4);
}

TEST_CASE("replace with a new_value", "[accent][methods]") {
  Rig rig;
  auto out = rig.redact({{"text", kText}, {"new_value", "[hidden]"}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] ==
        "Please email [hidden] or call [hidden] before Friday, [hidden] said.");
  check_inputs(out.result["entities"]);
  for (const auto& e : out.result["entities"])
    CHECK(slice(out.result["text"], e["out_start"], e["out_end"]) ==
          "[hidden]");
  CHECK(rig.anonymizer_body()["anonymizers"]["DEFAULT"] ==
        json{{"type", "replace"}, {"new_value", "[hidden]"}});
}

TEST_CASE("mask hides whole findings by default", "[accent][methods]") {
  Rig rig;
  auto out = rig.redact({{"text", kText}, {"method", "mask"}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] ==
        "Please email ******************** or call ***************** before "
        "Friday, ******** said.");
  check_inputs(out.result["entities"]);
  json op = rig.anonymizer_body()["anonymizers"]["DEFAULT"];
  CHECK(op["type"] == "mask");
  CHECK(op["masking_char"] == "*");
  CHECK(op["from_end"] == false);
  CHECK(op["chars_to_mask"].get<size_t>() >= kText.size());
  for (const auto& e : out.result["entities"]) CHECK(e["operator"] == "mask");
}

TEST_CASE("mask a count of characters from the end", "[accent][methods]") {
  Rig rig;
  auto out = rig.redact({{"text", "card 4111 1111 1111 1111 on file"},
                         {"method", "mask"},
                         {"masking_char", "#"},
                         {"chars_to_mask", 4},
                         {"from_end", true}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] == "card 4111 1111 1111 #### on file");
  REQUIRE(out.result["entities"].size() == 1);
  const json& e = out.result["entities"][0];
  CHECK(e["entity_type"] == "CREDIT_CARD");
  CHECK(slice(out.result["text"], e["out_start"], e["out_end"]) ==
        "4111 1111 1111 ####");
  CHECK(rig.anonymizer_body()["anonymizers"]["DEFAULT"] ==
        json{{"type", "mask"},
             {"masking_char", "#"},
             {"chars_to_mask", 4},
             {"from_end", true}});
}

TEST_CASE("redact deletes findings", "[accent][methods]") {
  Rig rig;
  auto out = rig.redact({{"text", kText}, {"method", "redact"}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] == "Please email  or call  before Friday,  said.");
  check_inputs(out.result["entities"]);
  for (const auto& e : out.result["entities"]) {
    CHECK(e["out_start"] == e["out_end"]);
    CHECK(e["operator"] == "redact");
  }
  CHECK(rig.anonymizer_body()["anonymizers"]["DEFAULT"] ==
        json{{"type", "redact"}});
}

TEST_CASE("hash with a salt is reproducible", "[accent][methods]") {
  Rig rig;
  const std::string salt = "pepper-0123456789";
  auto out =
      rig.redact({{"text", kText}, {"method", "hash"}, {"hash_salt", salt}});
  REQUIRE(out.ok());
  check_inputs(out.result["entities"]);
  std::string redacted = out.result["text"];
  for (const auto& e : out.result["entities"]) {
    std::string found = slice(kText, e["start"], e["end"]);
    CHECK(slice(redacted, e["out_start"], e["out_end"]) ==
          aihost::fakes::sha256_hex(found + salt));
    CHECK(e["operator"] == "hash");
  }
  CHECK(rig.anonymizer_body()["anonymizers"]["DEFAULT"] ==
        json{{"type", "hash"}, {"hash_type", "sha256"}, {"salt", salt}});
  auto again =
      rig.redact({{"text", kText}, {"method", "hash"}, {"hash_salt", salt}});
  CHECK(again.result["text"] == out.result["text"]);
}

TEST_CASE("hash sha512 without a salt differs per call", "[accent][methods]") {
  Rig rig;
  json params = {{"text", "mail zoe@example.net"},
                 {"method", "hash"},
                 {"hash_type", "sha512"}};
  auto a = rig.redact(params);
  auto b = rig.redact(params);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const json& e = a.result["entities"][0];
  CHECK(slice(a.result["text"], e["out_start"], e["out_end"]).size() == 128);
  CHECK(a.result["text"] != b.result["text"]);  // Presidio salts randomly
  CHECK_FALSE(rig.anonymizer_body()["anonymizers"]["DEFAULT"].contains("salt"));
}

TEST_CASE("a hash salt under 16 bytes is refused before any call",
          "[accent][methods]") {
  Rig rig;
  auto out = rig.redact(
      {{"text", kText}, {"method", "hash"}, {"hash_salt", "short-salt"}});
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(out.message,
             Catch::Contains("hash_salt") && Catch::Contains("16 bytes"));
  CHECK(rig.analyzer_calls() == 0);
}

TEST_CASE("entities filter what the analyzer looks for", "[accent][filter]") {
  Rig rig;
  auto out = rig.redact({{"text", kText}, {"entities", {"EMAIL_ADDRESS"}}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] ==
        "Please email <EMAIL_ADDRESS> or call +1 (415) 555-0134 before "
        "Friday, Jane Doe said.");
  REQUIRE(out.result["entities"].size() == 1);
  CHECK(rig.analyzer_body()["entities"] == json{"EMAIL_ADDRESS"});
}

TEST_CASE("score_threshold drops weaker findings", "[accent][filter]") {
  Rig rig;
  auto out = rig.redact({{"text", kText}, {"score_threshold", 0.8}});
  REQUIRE(out.ok());
  // The phone number scores 0.75.
  CHECK(out.result["text"] ==
        "Please email <EMAIL_ADDRESS> or call +1 (415) 555-0134 before "
        "Friday, <PERSON> said.");
  CHECK(rig.analyzer_body()["score_threshold"] == 0.8);
}

TEST_CASE("instance defaults for entities and threshold, params override",
          "[accent][filter]") {
  Rig rig(json{{"entities", {"PERSON"}}, {"score_threshold", 0.5}});
  auto out = rig.redact({{"text", kText}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] ==
        "Please email jane.doe@example.org or call +1 (415) 555-0134 before "
        "Friday, <PERSON> said.");
  CHECK(rig.analyzer_body()["entities"] == json{"PERSON"});
  CHECK(rig.analyzer_body()["score_threshold"] == 0.5);
  auto all = rig.redact({{"text", kText}, {"entities", {"PHONE_NUMBER"}}});
  REQUIRE(all.ok());
  CHECK(rig.analyzer_body(1)["entities"] == json{"PHONE_NUMBER"});
}

TEST_CASE("text without findings skips the anonymizer", "[accent][flow]") {
  Rig rig;
  auto out = rig.redact({{"text", "nothing to see here"}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] == "nothing to see here");
  CHECK(out.result["entities"].empty());
  CHECK(rig.analyzer_calls() == 1);
  CHECK(rig.anonymizer_calls() == 0);
  CHECK(out.result["usage"]["requests"] == 1);
}

TEST_CASE("empty text needs no call", "[accent][flow]") {
  Rig rig;
  auto out = rig.redact({{"text", ""}});
  REQUIRE(out.ok());
  CHECK(out.result["text"] == "");
  CHECK(out.result["entities"].empty());
  CHECK(out.result["usage"]["characters"] == 0);
  CHECK(rig.analyzer_calls() == 0);
  CHECK(rig.anonymizer_calls() == 0);
}

TEST_CASE("recognizer comes from analysis_explanation when present",
          "[accent][flow]") {
  Rig rig;
  rig.presidio.set_explain(true);
  auto out = rig.redact({{"text", kText}});
  REQUIRE(out.ok());
  auto m = by_type(out.result["entities"]);
  CHECK(m["EMAIL_ADDRESS"]["recognizer"] == "EmailRecognizer");
  CHECK(m["PHONE_NUMBER"]["recognizer"] == "PhoneRecognizer");
  CHECK(m["PERSON"]["recognizer"] == "SpacyRecognizer");
}
