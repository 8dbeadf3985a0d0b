// An LLM task as data: what to ask, how, and the shape the answer must have.
// Tasks live in config/tasks/*.yaml (that folder's README documents the
// fields) and are loaded by TaskCatalog.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace aihost::pipelines {

struct TaskDefinition {
  std::string id;   // "summary"
  int version = 1;  // bumped whenever prompt or schema change
  std::string description;
  std::string feature;  // the tenant feature that gates it
  std::string system_prompt;
  // The user message; {{transcript}} and {{text}} stand for the input.
  std::string user_template;
  int max_output_tokens = 1000;
  double temperature = 0.2;
  std::string schema_name;  // response_format.json_schema.name
  nlohmann::json schema;    // the answer's JSON Schema (json_schema.hpp)
  std::string source;       // "summary.yaml", for messages
};

}  // namespace aihost::pipelines
