// Instance configuration of the Deepgram plugin.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace aihost::deepgram {

struct Config {
  std::string base_url = "https://api.deepgram.com";
  std::string model = "nova-3";
  // Further /v1/listen query settings sent on every call (utt_split,
  // numerals, keyterm, ...), already in wire form; arrays repeat the key.
  std::vector<std::pair<std::string, std::string>> extra_query;
  long long timeout_ms = 0;  // 0: the host's upstream policy
};

// Reads {"base_url", "model", "query": {...}, "timeout_ms"}. Throws
// sdk::Error(AIHOST_INVALID_ARGUMENT) naming the offending field.
Config parse_config(const nlohmann::json& config);

}  // namespace aihost::deepgram
