// The params of pii.redact (sdk/README.md), validated before any upstream
// call so that bad input never costs a request.
#pragma once

#include "config.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aihost::accent {

// What replaces a finding; turned into a Presidio operator per text.
struct OperatorSpec {
  std::string method = "replace";  // replace, mask, redact, hash
  std::optional<std::string> new_value;
  std::string masking_char = "*";
  std::optional<int64_t> chars_to_mask;  // absent: the whole finding
  bool from_end = false;
  std::string hash_type = "sha256";
  std::optional<std::string> hash_salt;
};

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
  std::string text;                    // when !segmented
  std::vector<SegmentInput> segments;  // when segmented
  std::string language;
  std::optional<std::vector<std::string>> entities;
  std::optional<double> score_threshold;
  OperatorSpec op;
};

// Throws sdk::Error(INVALID_ARGUMENT) naming the offending param.
RedactParams parse_redact_params(const nlohmann::json& params,
                                 const Config& defaults);

// Presidio's hash operator refuses a salt under 16 bytes.
inline constexpr size_t kMinHashSaltBytes = 16;

}  // namespace aihost::accent
