// Transcript segments are redacted each on its own, keeping their timings,
// speakers, channels and roles; one batched /analyze serves them all.
#include "accent_rig.hpp"

#include <catch2/catch.hpp>

using namespace accent_test;

TEST_CASE("segments keep timings and get their own entities",
          "[accent][segments]") {
  Rig rig;
  json segments = json::array(
      {{{"id", 7},
        {"start", 0.0},
        {"end", 2.5},
        {"text", "Hi, this is Zoë Kowalski."},
        {"speaker", 0},
        {"channel", 0},
        {"role", "agent"}},
       {{"id", 8}, {"start", 2.5}, {"end", 3.0}, {"text", ""}, {"speaker", 1}},
       {{"id", 9},
        {"start", 3.0},
        {"end", 4.25},
        {"text", "ok, thanks"},
        {"speaker", 1},
        {"channel", 1},
        {"role", "customer"}},
       {{"id", 10},
        {"start", 4.25},
        {"end", 9.5},
        {"text", "😀 my card is 4111 1111 1111 1111, mail me at a.b@c.io"},
        {"speaker", 1},
        {"channel", 1},
        {"role", "customer"}}});
  auto out = rig.redact({{"segments", segments}, {"method", "replace"}});
  REQUIRE(out.ok());
  const json& r = out.result;
  CHECK(r["text"] == "");
  CHECK(r["entities"].empty());
  REQUIRE(r["segments"].size() == 4);

  for (size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    const json& in = segments[i];
    const json& s = r["segments"][i];
    CHECK(s["id"] == in["id"]);
    CHECK(s["start"] == in["start"]);
    CHECK(s["end"] == in["end"]);
    CHECK(s.value("speaker", json()) == in.value("speaker", json()));
    CHECK(s.value("channel", json()) == in.value("channel", json()));
    CHECK(s.value("role", json()) == in.value("role", json()));
  }
  CHECK(r["segments"][0]["text"] == "Hi, this is <PERSON>.");
  CHECK(r["segments"][1]["text"] == "");
  CHECK(r["segments"][2]["text"] == "ok, thanks");
  CHECK(r["segments"][3]["text"] ==
        "😀 my card is <CREDIT_CARD>, mail me at <EMAIL_ADDRESS>");
  CHECK(r["segments"][1]["entities"].empty());
  CHECK(r["segments"][2]["entities"].empty());

  // Offsets are within each segment's own text.
  const json& e0 = r["segments"][0]["entities"];
  REQUIRE(e0.size() == 1);
  CHECK(slice(segments[0]["text"], e0[0]["start"], e0[0]["end"]) ==
        "Zoë Kowalski");
  CHECK(slice(r["segments"][0]["text"], e0[0]["out_start"], e0[0]["out_end"]) ==
        "<PERSON>");
  const json& e3 = r["segments"][3]["entities"];
  REQUIRE(e3.size() == 2);
  CHECK(slice(segments[3]["text"], e3[0]["start"], e3[0]["end"]) ==
        "4111 1111 1111 1111");
  CHECK(slice(segments[3]["text"], e3[1]["start"], e3[1]["end"]) == "a.b@c.io");
  CHECK(slice(r["segments"][3]["text"], e3[1]["out_start"], e3[1]["out_end"]) ==
        "<EMAIL_ADDRESS>");

  // One batched analysis of the non-empty texts; one anonymization per
  // segment that had findings.
  REQUIRE(rig.analyzer_calls() == 1);
  json batch = rig.analyzer_body();
  CHECK(batch["text"] ==
        json{segments[0]["text"], segments[2]["text"], segments[3]["text"]});
  CHECK(rig.anonymizer_calls() == 2);
  CHECK(rig.anonymizer_body(0)["text"] == segments[0]["text"]);
  CHECK(rig.anonymizer_body(1)["text"] == segments[3]["text"]);
  CHECK(r["usage"]["requests"] == 3);
  CHECK(r["usage"]["characters"] == 25 + 10 + 53);  // 😀 counts once
}

TEST_CASE("segments that are all empty need no call", "[accent][segments]") {
  Rig rig;
  auto out = rig.redact(
      {{"segments", {{{"id", 1}, {"start", 0}, {"end", 1}, {"text", ""}}}}});
  REQUIRE(out.ok());
  REQUIRE(out.result["segments"].size() == 1);
  CHECK(out.result["segments"][0]["text"] == "");
  CHECK(rig.analyzer_calls() == 0);
  CHECK(rig.anonymizer_calls() == 0);
}

TEST_CASE("a segment without timings is refused", "[accent][segments]") {
  Rig rig;
  auto out = rig.redact({{"segments", {{{"id", 1}, {"text", "x"}}}}});
  CHECK(out.status == AIHOST_INVALID_ARGUMENT);
  CHECK_THAT(out.message, Catch::Contains("segments[0].start"));
  CHECK(rig.analyzer_calls() == 0);
}
