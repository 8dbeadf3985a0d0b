// The SDK's shared pii.redact params parser (aihost/pii_params.hpp): what it
// accepts, the defaults it leaves to the plugin, and the words it refuses
// bad input with.
#include <aihost/pii_params.hpp>

#include <catch2/catch.hpp>

using aihost::sdk::Error;
using aihost::sdk::parse_pii_redact_params;
using json = nlohmann::json;

namespace {

// The status and message a parse fails with, or {AIHOST_OK, ""}.
std::pair<aihost_status, std::string> refusal(const json& params) {
  try {
    parse_pii_redact_params(params);
  } catch (const Error& e) {
    return {e.status(), e.what()};
  }
  return {AIHOST_OK, ""};
}

}  // namespace

TEST_CASE("every field of a full text request is read", "[pii_params]") {
  auto p = parse_pii_redact_params({{"text", "call 555"},
                                    {"language", "en-GB"},
                                    {"entities", {"PHONE_NUMBER", "US_SSN"}},
                                    {"score_threshold", 0.4},
                                    {"method", "mask"},
                                    {"masking_char", "é"},
                                    {"chars_to_mask", 3},
                                    {"from_end", true},
                                    {"new_value", "[x]"},
                                    {"hash_type", "sha512"},
                                    {"hash_salt", "pepper"}});
  CHECK_FALSE(p.segmented);
  CHECK(p.text == "call 555");
  CHECK(p.language == "en-GB");
  REQUIRE(p.entities);
  CHECK(*p.entities == std::vector<std::string>{"PHONE_NUMBER", "US_SSN"});
  CHECK(p.score_threshold == 0.4);
  CHECK(p.op.method == "mask");
  CHECK(p.op.masking_char == "é");
  CHECK(p.op.chars_to_mask == 3);
  CHECK(p.op.from_end);
  CHECK(p.op.new_value == "[x]");
  CHECK(p.op.hash_type == "sha512");
  CHECK(p.op.hash_salt == "pepper");
  CHECK(p.input_bytes() == 8);
}

TEST_CASE("absent and null fields leave the defaults to the plugin",
          "[pii_params]") {
  auto p = parse_pii_redact_params({{"text", ""},
                                    {"language", nullptr},
                                    {"entities", nullptr},
                                    {"method", nullptr}});
  CHECK_FALSE(p.language);
  CHECK_FALSE(p.entities);
  CHECK_FALSE(p.score_threshold);
  CHECK(p.op.method == "replace");
  CHECK(p.op.masking_char == "*");
  CHECK_FALSE(p.op.chars_to_mask);
  CHECK_FALSE(p.op.from_end);
  CHECK(p.op.hash_type == "sha256");
  CHECK_FALSE(p.op.hash_salt);
  CHECK_FALSE(p.op.new_value);
}

TEST_CASE("segments keep their ids, timings and speakers", "[pii_params]") {
  auto p = parse_pii_redact_params(
      {{"segments",
        {{{"id", 7},
          {"start", 0.5},
          {"end", 2},
          {"text", "hello"},
          {"speaker", 1},
          {"channel", 0},
          {"role", "agent"}},
         {{"start", 2}, {"end", 3.25}, {"text", "ssn?"}}}}});
  REQUIRE(p.segmented);
  REQUIRE(p.segments.size() == 2);
  CHECK(p.segments[0].id == 7);
  CHECK(p.segments[0].start == 0.5);
  CHECK(p.segments[0].end == 2);
  CHECK(p.segments[0].speaker == 1);
  CHECK(p.segments[0].channel == 0);
  CHECK(p.segments[0].role == "agent");
  CHECK(p.segments[1].id == 1);  // its index when absent
  CHECK_FALSE(p.segments[1].speaker);
  CHECK(p.input_bytes() == 9);
}

TEST_CASE("bad params are INVALID_ARGUMENT naming the field", "[pii_params]") {
  struct Case {
    json params;
    const char* message;
  };
  const Case cases[] = {
      {json::array(), "params must be an object"},
      {json::object(), "params.text or segments is required"},
      {{{"text", "a"}, {"segments", json::array()}},
       "params.text and segments are exclusive"},
      {{{"text", 5}}, "params.text must be a string"},
      {{{"segments", "x"}}, "params.segments must be an array"},
      {{{"segments", {1}}}, "params.segments[0] must be an object"},
      {{{"segments", {{{"start", 0}, {"end", 1}}}}},
       "params.segments[0].text is required"},
      {{{"segments", {{{"text", "x"}, {"end", 1}}}}},
       "params.segments[0].start must be a number"},
      {{{"segments", {{{"text", "x"}, {"start", 0}, {"end", "1"}}}}},
       "params.segments[0].end must be a number"},
      {{{"segments",
         {{{"text", "x"}, {"start", 0}, {"end", 1}, {"id", 1LL << 40}}}}},
       "params.segments[0].id must be an integer"},
      {{{"segments",
         {{{"text", "x"}, {"start", 0}, {"end", 1}, {"speaker", 0.5}}}}},
       "params.segments[0].speaker must be an integer"},
      {{{"segments", {{{"text", "x"}, {"start", 0}, {"end", 1}, {"role", 3}}}}},
       "params.segments[0].role must be a string"},
      {{{"text", "a"}, {"language", 3}}, "params.language must be a string"},
      {{{"text", "a"}, {"language", ""}}, "params.language must not be empty"},
      {{{"text", "a"}, {"entities", "PERSON"}},
       "params.entities must be an array of strings"},
      {{{"text", "a"}, {"entities", {"credit card"}}},
       "params.entities must be an array of entity type names"},
      {{{"text", "a"}, {"entities", {""}}},
       "params.entities must be an array of entity type names"},
      {{{"text", "a"}, {"entities", {7}}},
       "params.entities must be an array of entity type names"},
      {{{"text", "a"}, {"score_threshold", 1.5}},
       "params.score_threshold must be a number between 0 and 1"},
      {{{"text", "a"}, {"score_threshold", "0.5"}},
       "params.score_threshold must be a number between 0 and 1"},
      {{{"text", "a"}, {"method", "encrypt"}},
       "params.method must be one of replace, mask, redact, hash"},
      {{{"text", "a"}, {"new_value", 1}}, "params.new_value must be a string"},
      {{{"text", "a"}, {"chars_to_mask", -1}},
       "params.chars_to_mask must be a non-negative integer"},
      {{{"text", "a"}, {"chars_to_mask", 2.5}},
       "params.chars_to_mask must be a non-negative integer"},
      {{{"text", "a"}, {"from_end", "yes"}},
       "params.from_end must be a boolean"},
      {{{"text", "a"}, {"hash_type", "md5"}},
       "params.hash_type must be sha256 or sha512"},
      {{{"text", "a"}, {"hash_salt", 12}}, "params.hash_salt must be a string"},
  };
  for (const auto& c : cases) {
    INFO(c.params.dump());
    auto [status, message] = refusal(c.params);
    CHECK(status == AIHOST_INVALID_ARGUMENT);
    CHECK_THAT(message, Catch::StartsWith(c.message));
  }
}

TEST_CASE("masking_char is one well-formed UTF-8 character", "[pii_params]") {
  for (const char* ok : {"*", "#", "é", "€", "😀"}) {
    INFO(ok);
    CHECK(parse_pii_redact_params({{"text", "a"}, {"masking_char", ok}})
              .op.masking_char == ok);
  }
  const std::string bad[] = {
      "",                  // nothing
      "ab",                // two
      "é*",                // two, one of them multi-byte
      "\xC3",              // truncated
      "\xC0\xAA",          // overlong '*'
      "\xED\xA0\x80",      // UTF-16 surrogate
      "\xF4\x90\x80\x80",  // past U+10FFFF
  };
  for (const auto& b : bad) {
    INFO(json(b.size()).dump());
    // nlohmann refuses to hold invalid UTF-8 only when dumping; parsing
    // takes the bytes as they are.
    json params = {{"text", "a"}};
    params["masking_char"] = b;
    auto [status, message] = refusal(params);
    CHECK(status == AIHOST_INVALID_ARGUMENT);
    CHECK_THAT(message,
               Catch::Contains("masking_char must be exactly one character"));
  }
}
