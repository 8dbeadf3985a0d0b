// write_json must give exactly what nlohmann::json::dump gives: the same
// bytes for every value, the same refusal (and message) for text that is not
// UTF-8, the same replacements when the handler asks for them.
#include <aihost/json_write.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using aihost::sdk::append_json;
using aihost::sdk::write_json;
using json = nlohmann::json;
using Handler = json::error_handler_t;

namespace {

std::string every_byte_below_0x80() {
  std::string s;
  for (int c = 0; c < 0x80; ++c) s += static_cast<char>(c);
  return s;
}

std::vector<json> values() {
  std::vector<json> out = {
      nullptr,
      true,
      false,
      0,
      -1,
      42u,
      std::numeric_limits<int64_t>::min(),
      std::numeric_limits<int64_t>::max(),
      std::numeric_limits<uint64_t>::max(),
      0.0,
      -0.0,
      0.2,
      1.0,
      -2.5e-300,
      1e21,
      std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::infinity(),
      "",
      "plain words",
      every_byte_below_0x80(),
      "quote \" backslash \\ slash / tab \t newline \n nul " +
          std::string(1, '\0') + " del \x7f",
      "gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x98\x80 and \"escapes\"\n",
      json::object(),
      json::array(),
      json::array({json::array(), json::object(), json::array({1, "x"})}),
      json::binary({1, 2, 3}, 7),
      json::parse(R"({"id":"chatcmpl-1","object":"chat.completion",)"
                  R"("choices":[{"index":0,"message":{"role":"assistant",)"
                  R"("content":"Hi \u00e9\n","refusal":null},)"
                  R"("finish_reason":"stop"}],"usage":{"prompt_tokens":58,)"
                  R"("cost":0.000123,"ok":true}})"),
  };
  json keys = json::object();
  keys["z"] = 1;
  keys["a\"b"] = 2;
  keys["\xc3\xa9t\xc3\xa9"] = 3;
  keys[std::string("ctl\x01", 4)] = 4;
  out.push_back(keys);
  json deep = 1;
  for (int i = 0; i < 300; ++i) deep = json::array({deep, json{{"k", i}}});
  out.push_back(deep);
  return out;
}

}  // namespace

TEST_CASE("write_json writes what dump writes") {
  for (const Handler handler :
       {Handler::strict, Handler::replace, Handler::ignore}) {
    for (const json& v : values()) {
      const std::string expected = v.dump(-1, ' ', false, handler);
      INFO(expected.substr(0, 120));
      REQUIRE(write_json(v, handler) == expected);
      std::string appended = "prefix:";
      append_json(appended, v, handler);
      REQUIRE(appended == "prefix:" + expected);
    }
  }
}

TEST_CASE("write_json leaves invalid UTF-8 to the handler, as dump does") {
  const std::vector<std::string> broken = {
      "\xff",
      "ok then \xc3",            // cut short
      "\xc3\x28 after",          // bad continuation
      "\xe2\x82 \"x\"",          // cut short, then an escape
      "\xed\xa0\x80 surrogate",  // UTF-16 surrogate in UTF-8
      "\xc0\xaf overlong",
      "escaped \" and \n first, then \xff",
  };
  for (const std::string& s : broken) {
    INFO(json(s).dump(-1, ' ', false, Handler::replace));
    const json value = json{{"text", s}, {"list", {1, s}}};
    std::string expected_message;
    try {
      (void)value.dump();
    } catch (const json::type_error& e) {
      expected_message = e.what();
    }
    REQUIRE_FALSE(expected_message.empty());
    try {
      (void)write_json(value);
      FAIL("write_json accepted invalid UTF-8");
    } catch (const json::type_error& e) {
      REQUIRE(std::string(e.what()) == expected_message);
    }
    for (const Handler handler : {Handler::replace, Handler::ignore})
      REQUIRE(write_json(value, handler) ==
              value.dump(-1, ' ', false, handler));
  }
}

TEST_CASE("write_json of an invalid string leaves what came before it") {
  std::string out = "[1,";
  append_json(out, json("\xff x"), Handler::replace);
  REQUIRE(out == "[1," + json("\xff x").dump(-1, ' ', false, Handler::replace));
}
