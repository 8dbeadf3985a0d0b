// The params of pii.redact: the SDK's shared parser (aihost/pii_params.hpp)
// checks the contract, this fills in the instance's defaults and what
// Presidio itself demands, before any upstream call so that bad input never
// costs a request.
#pragma once

#include "config.hpp"

#include <aihost/pii_params.hpp>

#include <nlohmann/json.hpp>

namespace aihost::accent {

using OperatorSpec = sdk::PiiOperator;
using SegmentInput = sdk::PiiSegment;
using RedactParams = sdk::PiiRedactParams;

// Throws sdk::Error(INVALID_ARGUMENT) naming the offending param. On return
// `language` is set: the params' or the instance's; `entities` and
// `score_threshold` fall back to the instance's when absent.
RedactParams parse_redact_params(const nlohmann::json& params,
                                 const Config& defaults);

// Presidio's hash operator refuses a salt under 16 bytes.
inline constexpr size_t kMinHashSaltBytes = 16;

}  // namespace aihost::accent
