// The schema subset: which schemas are accepted, and the validator's
// path-precise messages.
#include "pipelines/json_schema.hpp"

#include <catch2/catch.hpp>

using aihost::pipelines::check_schema;
using aihost::pipelines::validate;
using json = nlohmann::json;

namespace {

const json kSpeakers = json::parse(R"({
  "type": "object", "additionalProperties": false,
  "required": ["overall", "speakers", "note"],
  "properties": {
    "overall": {"type": "string", "enum": ["positive", "negative"]},
    "note": {"type": ["string", "null"], "minLength": 3},
    "speakers": {
      "type": "array", "minItems": 1, "maxItems": 3,
      "items": {
        "type": "object", "additionalProperties": false,
        "required": ["name", "score", "turns"],
        "properties": {
          "name": {"type": "string"},
          "score": {"type": "number", "minimum": -1, "maximum": 1},
          "turns": {"type": "integer", "minimum": 0}
        }
      }
    }
  }
})");

json valid() {
  return {{"overall", "positive"},
          {"note", nullptr},
          {"speakers",
           {{{"name", "Agent"}, {"score", 0.5}, {"turns", 3}},
            {{"name", "Customer"}, {"score", -1}, {"turns", 2.0}}}}};
}

std::vector<std::string> errors_for(json value) {
  return validate(kSpeakers, value);
}

}  // namespace

TEST_CASE("a value that fits has no errors", "[schema]") {
  REQUIRE_FALSE(check_schema(kSpeakers));
  CHECK(errors_for(valid()).empty());
  json with_note = valid();
  with_note["note"] = "ok!";
  CHECK(errors_for(with_note).empty());
}

TEST_CASE("errors name the path and the broken rule", "[schema]") {
  json v = valid();
  v["speakers"][1]["score"] = 1.7;
  CHECK(errors_for(v) ==
        std::vector<std::string>{
            "$.speakers[1].score: 1.7 is above the maximum 1"});
  v = valid();
  v["speakers"][0]["score"] = -2;
  CHECK(errors_for(v) ==
        std::vector<std::string>{
            "$.speakers[0].score: -2 is below the minimum -1"});
  v = valid();
  v["overall"] = "great";
  CHECK(errors_for(v) ==
        std::vector<std::string>{
            R"($.overall: "great" is not one of "positive", "negative")"});
  v = valid();
  v["speakers"][0]["turns"] = 2.5;
  CHECK(errors_for(v) ==
        std::vector<std::string>{"$.speakers[0].turns: expected integer, got a "
                                 "number"});
  v = valid();
  v["note"] = 4;
  CHECK(errors_for(v) ==
        std::vector<std::string>{
            "$.note: expected string or null, got an integer"});
  v = valid();
  v["note"] = "no";
  CHECK(errors_for(v) ==
        std::vector<std::string>{
            "$.note: the string has 2 characters, fewer than the minimum 3"});
}

TEST_CASE("object and array rules", "[schema]") {
  json v = valid();
  v.erase("overall");
  v["extra"] = true;
  CHECK(errors_for(v) ==
        std::vector<std::string>{R"($: missing required property "overall")",
                                 R"($: unexpected property "extra")"});
  v = valid();
  v["speakers"] = json::array();
  CHECK(errors_for(v) ==
        std::vector<std::string>{
            "$.speakers: has 0 items, fewer than the minimum 1"});
  v = valid();
  for (int i = 0; i < 2; ++i) v["speakers"].push_back(v["speakers"][0]);
  CHECK(errors_for(v) ==
        std::vector<std::string>{
            "$.speakers: has 4 items, more than the maximum 3"});
  CHECK(errors_for(json::array()) ==
        std::vector<std::string>{"$: expected object, got an array"});
}

TEST_CASE("several errors are all reported, up to the limit", "[schema]") {
  json v = valid();
  v["speakers"][0]["score"] = 5;
  v["speakers"][1]["name"] = 7;
  v["overall"] = nullptr;
  auto errors = errors_for(v);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "$.overall: expected string, got null");
  CHECK(errors[1] == "$.speakers[0].score: 5 is above the maximum 1");
  CHECK(errors[2] == "$.speakers[1].name: expected string, got an integer");
  CHECK(validate(kSpeakers, v, 1).size() == 1);
}

TEST_CASE("member names that are not identifiers are quoted", "[schema]") {
  json schema = {{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"a b"}},
                 {"properties", {{"a b", {{"type", "boolean"}}}}}};
  REQUIRE_FALSE(check_schema(schema));
  CHECK(validate(schema, {{"a b", 1}}) ==
        std::vector<std::string>{
            R"($["a b"]: expected boolean, got an integer)"});
}

TEST_CASE("schemas outside the subset are refused with their place",
          "[schema]") {
  auto problem = [](const json& schema) -> std::string {
    auto p = check_schema(schema);
    return p ? p->path + ": " + p->message : "accepted";
  };
  json s = kSpeakers;
  s["properties"]["overall"]["pattern"] = "^[a-z]+$";
  CHECK(problem(s) ==
        "schema.properties.overall.pattern: unsupported keyword 'pattern'");
  s = kSpeakers;
  s["properties"]["speakers"]["items"].erase("additionalProperties");
  CHECK(problem(s) ==
        "schema.properties.speakers.items.additionalProperties: must be false: "
        "structured output needs closed objects");
  s = kSpeakers;
  s["required"] = {"overall", "speakers"};
  CHECK(problem(s) ==
        "schema.required: must list every property; \"note\" is "
        "missing (structured output requires all)");
  s = kSpeakers;
  s["required"].push_back("ghost");
  CHECK(problem(s) ==
        "schema.required: names \"ghost\", which is not in 'properties'");
  s = kSpeakers;
  s["properties"]["note"]["type"] = "text";
  CHECK_THAT(problem(s), Catch::StartsWith("schema.properties.note.type: "
                                           "unknown type \"text\""));
  s = kSpeakers;
  s["properties"]["overall"]["minimum"] = 1;
  CHECK(problem(s) ==
        "schema.properties.overall.minimum: applies only to numbers");
  s = kSpeakers;
  s["properties"]["speakers"].erase("items");
  CHECK(problem(s) ==
        "schema.properties.speakers.items: an array schema needs 'items'");
  s = kSpeakers;
  s["properties"]["speakers"]["minItems"] = -1;
  CHECK(problem(s) ==
        "schema.properties.speakers.minItems: must be a non-negative integer");
  s = kSpeakers;
  s["properties"]["overall"]["enum"] = {"positive", 3};
  CHECK(problem(s) ==
        "schema.properties.overall.enum: 3 does not have the "
        "schema's type");
  s = kSpeakers;
  s["properties"]["note"] = {{"description", "no type"}};
  CHECK(problem(s) ==
        "schema.properties.note: a schema needs a 'type' (or an 'enum')");
  CHECK(problem(json::array()) == "schema: a schema must be an object");
  s = kSpeakers;
  s["properties"]["speakers"]["items"]["properties"]["score"]["maximum"] = -5;
  CHECK(problem(s) ==
        "schema.properties.speakers.items.properties.score.minimum: is above "
        "maximum");
}
