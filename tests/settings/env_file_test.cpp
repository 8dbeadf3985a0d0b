// The env file format.
#include "settings/env_file.hpp"
#include "settings/settings_error.hpp"
#include "temp_file.hpp"

#include <catch2/catch.hpp>

using namespace aihost::settings;

TEST_CASE("env file lines, comments and quotes", "[settings][envfile]") {
  auto e = parse_env_file(
      "# a comment\n"
      "\n"
      "AI_A=plain\n"
      "  AI_B = spaced value  \n"
      "export AI_C=exported\n"
      "AI_D=\"double # not a comment\"\n"
      "AI_E='single $HOME \\n literal'\n"
      "AI_F=\"esc \\\"q\\\" \\\\ \\n \\$x\"\n"
      "AI_G=value # trailing comment\n"
      "AI_H=\n"
      "AI_I=a#b\n"
      "AI_J=\"x\" # after quote\r\n",
      "test.env");
  CHECK(e.at("AI_A").value == "plain");
  CHECK(e.at("AI_A").line == 3);
  CHECK(e.at("AI_B").value == "spaced value");
  CHECK(e.at("AI_C").value == "exported");
  CHECK(e.at("AI_D").value == "double # not a comment");
  CHECK(e.at("AI_E").value == "single $HOME \\n literal");
  CHECK(e.at("AI_F").value == "esc \"q\" \\ \n $x");
  CHECK(e.at("AI_G").value == "value");
  CHECK(e.at("AI_H").value == "");
  CHECK(e.at("AI_I").value == "a#b");
  CHECK(e.at("AI_J").value == "x");
  CHECK(e.at("AI_J").line == 12);
}

TEST_CASE("a later line wins", "[settings][envfile]") {
  auto e = parse_env_file("AI_A=1\nAI_A=2\n", "t.env");
  CHECK(e.at("AI_A").value == "2");
  CHECK(e.at("AI_A").line == 2);
}

TEST_CASE("malformed lines are refused with file and line",
          "[settings][envfile]") {
  const std::pair<const char*, const char*> cases[] = {
      {"AI_OK=1\nNO_EQUALS\n", "bad.env:2: expected KEY=VALUE"},
      {"=value\n", "bad.env:1: expected KEY=VALUE"},
      {"1AI=x\n", "bad.env:1: expected KEY=VALUE"},
      {"AI-X=1\n", "bad.env:1: expected KEY=VALUE"},
      {"AI_X=\"open\n", "bad.env:1: AI_X: unterminated quoted value"},
      {"\nAI_X=\"a\"b\n", "bad.env:2: AI_X: text after the closing quote"},
      {"AI_X=\"\\q\"\n", "bad.env:1: AI_X: unknown escape \\q"},
      {"AI_X=it's\n", "bad.env:1: AI_X: quote inside an unquoted value"},
  };
  for (auto [text, expected] : cases) {
    INFO(text);
    try {
      parse_env_file(text, "bad.env");
      FAIL("accepted");
    } catch (const SettingsError& e) {
      CHECK_THAT(e.what(), Catch::Contains(expected));
    }
  }
}

TEST_CASE("all bad lines are reported at once", "[settings][envfile]") {
  try {
    parse_env_file("A\nB\nAI_OK=1\nC\n", "f.env");
    FAIL("accepted");
  } catch (const SettingsError& e) {
    CHECK(e.problems().size() == 3);
    CHECK_THAT(e.what(), Catch::Contains("f.env:4"));
  }
}

TEST_CASE("env files are read from disk", "[settings][envfile]") {
  aihost::testing::TempFile f("AI_WORKERS=7\n");
  CHECK(read_env_file(f.path()).at("AI_WORKERS").value == "7");
  CHECK_THROWS_WITH(read_env_file(f.path() + ".missing"),
                    Catch::Contains("cannot be read"));
}
