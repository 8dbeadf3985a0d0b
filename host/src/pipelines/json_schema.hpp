// The JSON Schema subset that LLM task outputs are declared in, and a
// validator for it whose messages name the exact place that is wrong
// ("$.speakers[1].score: 1.7 is above the maximum 1"), so that the message
// can be handed back to the model as a correction.
//
// Keywords: type (one name or an array of names: object, array, string,
// number, integer, boolean, null), properties, required,
// additionalProperties (false), enum, items, minimum, maximum, minItems,
// maxItems, minLength; title and description are annotations.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace aihost::pipelines {

struct SchemaProblem {
  std::string path;  // where in the schema: "properties.overall.type"
  std::string message;
};

// Why `schema` is outside the supported subset, or nullopt. Also enforces
// what strict structured output requires of every object: closed
// (additionalProperties false) and every property required.
std::optional<SchemaProblem> check_schema(const nlohmann::json& schema);

// Every violation of `schema` by `value`, each as "$.path: message"
// (object members in name order, array items in index order). `schema` must
// have passed check_schema(). At most `limit` messages are kept.
std::vector<std::string> validate(const nlohmann::json& schema,
                                  const nlohmann::json& value,
                                  size_t limit = 20);

}  // namespace aihost::pipelines
