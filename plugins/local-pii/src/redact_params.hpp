// The params of pii.redact: the SDK's shared parser (aihost/pii_params.hpp)
// checks the contract, this adds what the local engine can serve.
#pragma once

#include "analyzer.hpp"

#include <aihost/pii_params.hpp>

#include <nlohmann/json.hpp>

namespace aihost::local_pii {

// The largest input handled in one call, in bytes over all texts.
inline constexpr size_t kMaxInputBytes = 32u << 20;

// Throws sdk::Error: INVALID_ARGUMENT naming the field, UNSUPPORTED for a
// language other than English, PAYLOAD_TOO_LARGE over kMaxInputBytes.
sdk::PiiRedactParams parse_redact_params(const nlohmann::json& params);

// What analyze() needs of the params.
AnalyzeOptions analyze_options(const sdk::PiiRedactParams& params);

}  // namespace aihost::local_pii
