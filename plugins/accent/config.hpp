// The instance configuration of the accent plugin (documented in README.md).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace aihost::accent {

struct Config {
  std::string analyzer_url;    // without a trailing slash
  std::string anonymizer_url;  // without a trailing slash
  std::string language = "en";
  std::optional<std::vector<std::string>> entities;
  std::optional<double> score_threshold;
  // Presidio has no auth of its own; a gateway in front may want a bearer.
  bool bearer_auth = false;
  long long timeout_ms = 0;  // per HTTP call; 0 leaves it to the host
};

// Throws sdk::Error(INVALID_ARGUMENT) naming the offending field.
Config parse_config(const nlohmann::json& cfg);

}  // namespace aihost::accent
