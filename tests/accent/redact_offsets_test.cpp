// Presidio counts code points; results are UTF-8 bytes. Multi-byte text
// (é: 2 bytes, 中: 3 bytes, 😀: one code point but 4 bytes) must map both
// the input spans and the output spans to the right bytes.
#include "accent_rig.hpp"

#include <catch2/catch.hpp>

using namespace accent_test;

namespace {

const std::string kText =
    "😀 José Álvarez écrit à jose@exemple.fr — 中文: 王小明, tél 020 7946 "
    "0958 😀. Zoë Kowalski.";

struct Expect {
  const char* type;
  const char* found;
};
const Expect kFound[] = {{"PERSON", "José Álvarez"},
                         {"EMAIL_ADDRESS", "jose@exemple.fr"},
                         {"PERSON", "王小明"},
                         {"PHONE_NUMBER", "020 7946 0958"},
                         {"PERSON", "Zoë Kowalski"}};

void check_inputs(const json& entities) {
  REQUIRE(entities.size() == std::size(kFound));
  for (size_t i = 0; i < std::size(kFound); ++i) {
    CAPTURE(i);
    CHECK(entities[i]["entity_type"] == kFound[i].type);
    CHECK(slice(kText, entities[i]["start"], entities[i]["end"]) ==
          kFound[i].found);
  }
}

}  // namespace

TEST_CASE("multi-byte input and output offsets with replace",
          "[accent][offsets]") {
  Rig rig;
  auto out = rig.redact({{"text", kText}});
  REQUIRE(out.ok());
  std::string redacted = out.result["text"];
  CHECK(redacted ==
        "😀 <PERSON> écrit à <EMAIL_ADDRESS> — 中文: <PERSON>, tél "
        "<PHONE_NUMBER> 😀. <PERSON>.");
  check_inputs(out.result["entities"]);
  for (const auto& e : out.result["entities"])
    CHECK(slice(redacted, e["out_start"], e["out_end"]) == placeholder(e));
  // 😀 and 中 are one character each, whatever their byte length.
  CHECK(out.result["usage"]["characters"] == 84);
}

TEST_CASE("a multi-byte masking character changes byte lengths only",
          "[accent][offsets]") {
  Rig rig;
  auto out =
      rig.redact({{"text", kText}, {"method", "mask"}, {"masking_char", "•"}});
  REQUIRE(out.ok());
  std::string redacted = out.result["text"];
  check_inputs(out.result["entities"]);
  for (size_t i = 0; i < std::size(kFound); ++i) {
    const json& e = out.result["entities"][i];
    std::string masked;
    // One • (3 bytes) per character of the finding.
    size_t chars = 0;
    for (unsigned char c : std::string(kFound[i].found))
      if ((c & 0xC0) != 0x80) ++chars;
    for (size_t k = 0; k < chars; ++k) masked += "•";
    CHECK(slice(redacted, e["out_start"], e["out_end"]) == masked);
  }
}

TEST_CASE("hash output offsets after emoji", "[accent][offsets]") {
  Rig rig;
  std::string text = "😀😀 mail zoe.k@example.com 😀 then 王小明";
  auto out = rig.redact(
      {{"text", text}, {"method", "hash"}, {"hash_salt", "0123456789abcdef"}});
  REQUIRE(out.ok());
  std::string redacted = out.result["text"];
  REQUIRE(out.result["entities"].size() == 2);
  const json& mail = out.result["entities"][0];
  const json& name = out.result["entities"][1];
  CHECK(slice(text, mail["start"], mail["end"]) == "zoe.k@example.com");
  CHECK(slice(text, name["start"], name["end"]) == "王小明");
  CHECK(slice(redacted, mail["out_start"], mail["out_end"]).size() == 64);
  CHECK(slice(redacted, name["out_start"], name["out_end"]).size() == 64);
  CHECK(redacted.rfind("😀😀 mail ", 0) == 0);
  CHECK(slice(redacted, mail["out_end"], name["out_start"]) == " 😀 then ");
}
