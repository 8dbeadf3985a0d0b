#include "redact_params.hpp"

#include <aihost/plugin.hpp>

namespace aihost::accent {

RedactParams parse_redact_params(const nlohmann::json& params,
                                 const Config& defaults) {
  RedactParams p = sdk::parse_pii_redact_params(params);
  if (!p.language) p.language = defaults.language;
  if (!p.entities) p.entities = defaults.entities;
  if (!p.score_threshold) p.score_threshold = defaults.score_threshold;
  if (p.op.hash_salt && p.op.hash_salt->size() < kMinHashSaltBytes)
    throw sdk::Error(AIHOST_INVALID_ARGUMENT,
                     "params.hash_salt must be at least 16 bytes (Presidio "
                     "refuses shorter salts)");
  return p;
}

}  // namespace aihost::accent
