// The params of pii.redact (sdk/README.md), checked before any work so that
// bad input gets a clear INVALID_ARGUMENT naming the field.
#pragma once

#include "analyzer.hpp"
#include "anonymizer.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace aihost::local_pii {

struct SegmentInput {
  int id = 0;
  double start = 0;
  double end = 0;
  std::string text;
  std::optional<int> speaker;
  std::optional<int> channel;
  std::optional<std::string> role;
};

struct RedactParams {
  bool segmented = false;
  std::string text;
  std::vector<SegmentInput> segments;
  AnalyzeOptions analyze;
  Operator op;
  bool salt_given = false;
};

// The largest input handled in one call, in bytes over all texts.
inline constexpr size_t kMaxInputBytes = 32u << 20;

// Throws sdk::Error: INVALID_ARGUMENT naming the field, UNSUPPORTED for a
// language other than English, PAYLOAD_TOO_LARGE over kMaxInputBytes.
RedactParams parse_redact_params(const nlohmann::json& params);

}  // namespace aihost::local_pii
