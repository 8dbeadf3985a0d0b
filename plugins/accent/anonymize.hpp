// POST /anonymize of the Presidio anonymizer: the operator, the request body
// and the parsed answer (PROTOCOLS.md §3.2).
#pragma once

#include "redact_params.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace aihost::accent {

// Presidio's operator config for `spec`, applied to a text of `code_points`
// characters (mask needs a count; "all" becomes the text's length, which no
// finding can exceed).
nlohmann::json operator_config(const OperatorSpec& spec, size_t code_points);

nlohmann::json anonymize_body(const std::string& text,
                              const nlohmann::json& analyzer_results,
                              const nlohmann::json& op);

// One anonymized span. Offsets are code points into the OUTPUT text.
struct Item {
  std::string op;
  std::string entity_type;
  size_t start = 0;
  size_t end = 0;
  std::string text;
};

struct Anonymized {
  std::string text;
  std::vector<Item> items;  // sorted by position (Presidio sends reversed)
};

// Throws sdk::Error(UPSTREAM_PROTOCOL) on an answer off the contract.
Anonymized parse_anonymize_response(const nlohmann::json& body);

}  // namespace aihost::accent
