#include "redact_params.hpp"

#include <aihost/plugin.hpp>

namespace aihost::local_pii {

sdk::PiiRedactParams parse_redact_params(const nlohmann::json& params) {
  sdk::PiiRedactParams p = sdk::parse_pii_redact_params(params);
  size_t total = p.input_bytes();
  if (total > kMaxInputBytes)
    throw sdk::Error(AIHOST_PAYLOAD_TOO_LARGE,
                     "input of " + std::to_string(total) +
                         " bytes is over the limit of " +
                         std::to_string(kMaxInputBytes));
  const std::string language = p.language.value_or("en");
  if (language != "en" && language.rfind("en-", 0) != 0 &&
      language.rfind("en_", 0) != 0)
    throw sdk::Error(AIHOST_UNSUPPORTED,
                     "params.language '" + language +
                         "' is not supported: the local recognisers are "
                         "English only");
  return p;
}

AnalyzeOptions analyze_options(const sdk::PiiRedactParams& params) {
  AnalyzeOptions o;
  o.entities = params.entities;
  o.score_threshold = params.score_threshold.value_or(0);
  return o;
}

}  // namespace aihost::local_pii
