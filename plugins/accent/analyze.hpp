// POST /analyze of the Presidio analyzer: the request body and the parsed
// answer (PROTOCOLS.md §3.1).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace aihost::accent {

struct AnalyzeQuery {
  std::vector<std::string> texts;  // one text, or a batch
  bool batch = false;              // send `text` as an array
  std::string language;
  std::optional<std::vector<std::string>> entities;
  std::optional<double> score_threshold;
};

// One analyzer result. Offsets are code points into the analysed text.
struct Finding {
  std::string entity_type;
  size_t start = 0;
  size_t end = 0;
  double score = 0;
  std::string recognizer;  // from analysis_explanation, else "presidio"
};

struct Analysis {
  std::vector<Finding> findings;
  // The analyzer's own list, passed to /anonymize unchanged.
  nlohmann::json raw = nlohmann::json::array();
};

nlohmann::json analyze_body(const AnalyzeQuery& query);

// Parses the answer to `analyze_body(query)`: one Analysis per text.
// `code_points[i]` is the length of text i, to check the offsets against.
// Throws sdk::Error(UPSTREAM_PROTOCOL) on an answer off the contract.
std::vector<Analysis> parse_analyze_response(
    const nlohmann::json& body, const AnalyzeQuery& query,
    const std::vector<size_t>& code_points);

}  // namespace aihost::accent
