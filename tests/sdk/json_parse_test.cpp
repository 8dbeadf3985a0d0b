// parse_json must give exactly what nlohmann::json::parse gives: the same
// values, the same number types, the same refusals with the same messages.
#include <aihost/json_parse.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using aihost::sdk::parse_json;
using aihost::sdk::parse_json_or_discard;
using json = nlohmann::json;

namespace {

// Equal values with equal types all the way down (json's operator== calls
// 1 and 1u and 1.0 equal).
void require_identical(const json& a, const json& b, const std::string& at) {
  INFO("at " << at);
  REQUIRE(a.type() == b.type());
  if (a.is_object()) {
    REQUIRE(a.size() == b.size());
    for (auto it = a.begin(); it != a.end(); ++it) {
      REQUIRE(b.contains(it.key()));
      require_identical(it.value(), b.at(it.key()), at + "/" + it.key());
    }
  } else if (a.is_array()) {
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i)
      require_identical(a[i], b[i], at + "/" + std::to_string(i));
  } else {
    REQUIRE(a.dump() == b.dump());
  }
}

std::string nested(int depth) {
  return std::string(depth, '[') + "1" + std::string(depth, ']');
}

}  // namespace

TEST_CASE("parse_json gives nlohmann's tree for valid text") {
  const std::vector<std::string> texts = {
      R"({"id":"chatcmpl-1","object":"chat.completion","created":1796372433,)"
      R"("choices":[{"index":0,"message":{"role":"assistant","content":"Hi",)"
      R"("refusal":null,"annotations":[]},"logprobs":null,)"
      R"("finish_reason":"stop"}],"usage":{"prompt_tokens":58,)"
      R"("completion_tokens":48,"prompt_tokens_details":{"cached_tokens":0}}})",
      R"({"n":[0,1,-1,42,-42,1.5,-2.25,1e3,1E-3,2.5e+10,0.0,-0.0]})",
      R"({"big":[9223372036854775807,9223372036854775808,)"
      R"(18446744073709551615,-9223372036854775808]})",
      R"({"beyond64":18446744073709551616,"neg":-9223372036854775809})",
      R"({"s":"tab\tnew\nquote\"slash\\\/ \u00e9 \ud83d\ude00 caf\u00E9"})",
      "{\"utf8\":\"gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x98\x80\"}",
      R"({"dup":1,"dup":2,"x":{"dup":"a","dup":"b"}})",
      R"({"b":[true,false,null],"e":{},"a":[],"ea":[[],{}]})",
      "  \n\t{\"ws\" :\r\n [ 1 , 2 ] }  \n",
      R"("a string")",
      "17",
      "-17",
      "null",
      "[1,[2,[3,[4]]]]",
      nested(2000),  // deeper than simdjson's limit: nlohmann's parse
  };
  for (const auto& text : texts) {
    INFO(text.substr(0, 80));
    const json expected = json::parse(text);
    require_identical(parse_json(text), expected, "");
    require_identical(parse_json_or_discard(text), expected, "");
  }
}

TEST_CASE("parse_json reads -0 as the integer 0, unsigned") {
  // The one difference from nlohmann (which keeps it signed): simdjson does
  // not say whether a zero had a sign. Both are the integer zero.
  const json minus_zero = parse_json("-0");
  REQUIRE(minus_zero.is_number_integer());
  REQUIRE(minus_zero == json::parse("-0"));
  REQUIRE(minus_zero.dump() == "0");
  const json minus_zero_double = parse_json("-0.0");
  REQUIRE(minus_zero_double.is_number_float());
  REQUIRE(minus_zero_double.dump() == json::parse("-0.0").dump());
}

TEST_CASE("parse_json refuses what nlohmann refuses, with its message") {
  const std::vector<std::string> texts = {
      "",
      "   ",
      "{",
      R"({"a":1,})",
      R"([1,2,])",
      R"({"a" 1})",
      R"({'a':1})",
      R"({"a":01})",
      R"({"a":1.})",
      R"({"a":.5})",
      R"({"a":+1})",
      R"({"a":NaN})",
      R"({"a":tru})",
      R"({"a":1} trailing)",
      R"({"a":1}{"b":2})",
      "{\"ctl\":\"a\x01b\"}",
      "{\"nl\":\"a\nb\"}",
      R"({"lone":"\ud800"})",
      R"({"bad_escape":"\q"})",
      "{\"bad_utf8\":\"\xc3\x28\"}",
      "{\"overlong\":\"\xc0\xaf\"}",
      "/* comment */ {}",
      std::string("{\"nul\":\"a\0b\"}", 13),
  };
  for (const auto& text : texts) {
    INFO(text);
    std::string expected;
    try {
      const json accepted = json::parse(text);
      FAIL("nlohmann accepted " << accepted.dump());
    } catch (const json::parse_error& e) {
      expected = e.what();
    }
    try {
      const json accepted = parse_json(text);
      FAIL("parse_json accepted " << accepted.dump());
    } catch (const json::parse_error& e) {
      REQUIRE(std::string(e.what()) == expected);
    }
    REQUIRE(parse_json_or_discard(text).is_discarded());
  }
}

TEST_CASE(
    "parse_json reads a large document (nlohmann's part) and then small ones") {
  json big = json::object();
  for (int i = 0; i < 20000; ++i)
    big["key" + std::to_string(i)] = {{"n", i}, {"s", std::string(20, 'x')}};
  const std::string text = big.dump();
  REQUIRE(text.size() > 32 * 1024);
  require_identical(parse_json(text), json::parse(text), "");
  require_identical(parse_json(R"({"small":[1,2]})"),
                    json::parse(R"({"small":[1,2]})"), "");
}
