// The task catalog: the shipped tasks load and are usable; broken task files
// are refused naming the file, the line and the field.
#include "pipelines/task_catalog.hpp"
#include "pipelines/json_schema.hpp"
#include "pipelines/prompt_template.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace aihost::pipelines;
using json = nlohmann::json;

namespace {

const std::string kGood = R"(id: triage
version: 2
description: Which queue a message belongs to.
feature: summary
max_output_tokens: 200
temperature: 0
system_prompt: |
  You route customer messages.
user_prompt: |
  Route this:
  {{text}}
output:
  name: triage
  schema:
    type: object
    additionalProperties: false
    required: [queue, urgent]
    properties:
      queue:
        type: string
        enum: [billing, delivery, other]
      urgent:
        type: boolean
)";

// kGood with `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to) {
  std::string s = kGood;
  auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

std::string error_of(const std::string& yaml) {
  try {
    TaskCatalog::parse(yaml, "tasks/triage.yaml");
  } catch (const TaskCatalogError& e) {
    return e.what();
  }
  return "accepted";
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string p =
        (std::filesystem::temp_directory_path() / "aihost-tasks-XXXXXX")
            .string();
    REQUIRE(mkdtemp(p.data()));
    path = p;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
};

}  // namespace

TEST_CASE("the shipped tasks load, with strict schemas and an input slot",
          "[catalog]") {
  auto catalog = TaskCatalog::load(AIHOST_SOURCE_DIR "/config/tasks");
  CHECK(catalog.ids() ==
        std::vector<std::string>{"coaching", "sentiment", "summary"});
  for (const auto& id : catalog.ids()) {
    CAPTURE(id);
    const TaskDefinition* t = catalog.find(id);
    REQUIRE(t);
    CHECK(t->feature == id);
    CHECK(t->version >= 1);
    CHECK_FALSE(check_schema(t->schema));
    CHECK(placeholders(t->user_template) ==
          std::vector<std::string>{"transcript"});
    CHECK(t->max_output_tokens >= 500);
    CHECK_THAT(t->system_prompt, Catch::Contains("never"));
  }
  const auto& sentiment = catalog.find("sentiment")->schema;
  CHECK(sentiment["properties"]["overall"]["properties"]["label"]["enum"] ==
        json({"positive", "neutral", "negative", "mixed"}));
  CHECK(
      validate(
          sentiment,
          {{"overall",
            {{"label", "neutral"}, {"score", 0}, {"rationale", "."}}},
           {"speakers",
            {{{"speaker", "Agent"}, {"label", "happy"}, {"score", 2}}}}}) ==
      std::vector<std::string>{
          R"($.speakers[0].label: "happy" is not one of "positive", "neutral", "negative", "mixed")",
          "$.speakers[0].score: 2 is above the maximum 1"});
  CHECK(catalog.find("translation") == nullptr);
}

TEST_CASE("a well-formed task file reads into its definition", "[catalog]") {
  TaskDefinition t = TaskCatalog::parse(kGood, "triage.yaml");
  CHECK(t.id == "triage");
  CHECK(t.version == 2);
  CHECK(t.temperature == 0);
  CHECK(t.max_output_tokens == 200);
  CHECK(t.schema_name == "triage");
  CHECK(t.schema["required"] == json({"queue", "urgent"}));
  CHECK(t.source == "triage.yaml");
  CHECK(render(t.user_template, {{"text", "my parcel {{text}}"}}) ==
        "Route this:\nmy parcel {{text}}\n");
}

TEST_CASE("broken YAML names the file, line and column", "[catalog]") {
  std::string broken = edited("  name: triage\n", "  name: [triage\n");
  CHECK_THAT(
      error_of(broken),
      Catch::Matches("tasks/triage\\.yaml:[0-9]+:[0-9]+: invalid YAML: .+"));
  CHECK_THAT(error_of("id: a\n  bad: indent\n"),
             Catch::StartsWith("tasks/triage.yaml:2:"));
}

TEST_CASE("an unsupported schema keyword names its line and field",
          "[catalog]") {
  std::string s = edited("        enum: [billing, delivery, other]\n",
                         "        pattern: \"^[a-z]+$\"\n");
  CHECK(error_of(s) ==
        "tasks/triage.yaml:21: field 'output.schema.properties.queue.pattern': "
        "unsupported keyword 'pattern'");
}

TEST_CASE("fields are checked one by one", "[catalog]") {
  CHECK(error_of(edited("feature: summary", "feature: translation")) ==
        "tasks/triage.yaml:4: field 'feature': must be one of summary, "
        "sentiment, coaching");
  CHECK(error_of(edited("version: 2\n", "")) ==
        "tasks/triage.yaml:1: field 'version': is required");
  CHECK(error_of(edited("temperature: 0", "temperature: 3")) ==
        "tasks/triage.yaml:6: field 'temperature': must be a number from 0 to "
        "2");
  CHECK(error_of(edited("max_output_tokens: 200", "max_output_tokens: many")) ==
        "tasks/triage.yaml:5: field 'max_output_tokens': must be an integer "
        "from 1 to 100000");
  CHECK(error_of(edited("  {{text}}", "  {{customer}}")) ==
        "tasks/triage.yaml:9: field 'user_prompt': unknown placeholder "
        "{{customer}} (known: {{transcript}}, {{text}})");
  CHECK(error_of(edited("  {{text}}", "  the message")) ==
        "tasks/triage.yaml:9: field 'user_prompt': must place the input with "
        "{{transcript}} or {{text}}");
  CHECK(error_of(edited("id: triage", "id: tri age")) ==
        "tasks/triage.yaml:1: field 'id': must be 1-64 characters of a-z, "
        "A-Z, 0-9, '_' or '-'");
  CHECK(error_of(edited("temperature: 0", "temperature: 0\nmodel: gpt-4o")) ==
        "tasks/triage.yaml:7: field 'model': is not a task field");
  CHECK(error_of(
            edited("    required: [queue, urgent]", "    required: [queue]")) ==
        "tasks/triage.yaml:17: field 'output.schema.required': must list every "
        "property; \"urgent\" is missing (structured output requires all)");
  CHECK(error_of(edited("    additionalProperties: false\n", "")) ==
        "tasks/triage.yaml:14: field 'output.schema.additionalProperties': "
        "must be false: structured output needs closed objects");
  CHECK(error_of(edited("    type: object\n", "    type: array\n")) ==
        "tasks/triage.yaml:14: field 'output.schema': must be a schema of type "
        "object");
  CHECK(error_of("- just\n- a list\n") ==
        "tasks/triage.yaml:1: a task file is a YAML mapping");
}

TEST_CASE("a folder is loaded whole or not at all", "[catalog]") {
  TempDir dir;
  dir.write("triage.yaml", kGood);
  CHECK(TaskCatalog::load(dir.path).ids() ==
        std::vector<std::string>{"triage"});

  dir.write("zz-broken.yaml", edited("version: 2", "version: zero"));
  try {
    TaskCatalog::load(dir.path);
    FAIL("loaded a folder with a broken file");
  } catch (const TaskCatalogError& e) {
    CHECK_THAT(e.what(), Catch::Contains("zz-broken.yaml:2: field 'version'"));
  }
  std::filesystem::remove(dir.path / "zz-broken.yaml");
  dir.write("copy.yml", kGood);
  CHECK_THROWS_WITH(TaskCatalog::load(dir.path),
                    Catch::Contains("task id 'triage' is already defined in"));

  TempDir empty;
  CHECK_THROWS_WITH(TaskCatalog::load(empty.path),
                    Catch::Contains("no task files"));
  CHECK_THROWS_AS(TaskCatalog::load(empty.path / "missing"), TaskCatalogError);
}
