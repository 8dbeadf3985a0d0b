// The audio.transcribe params as Deepgram /v1/listen query settings.
#pragma once

#include "config.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace aihost::deepgram {

struct ListenOptions {
  std::string model;
  std::optional<std::string> language;  // unset: detect the language
  bool punctuate = true;
  bool smart_format = false;
  bool diarize = false;
  bool utterances = true;
  bool multichannel = false;
};

// Reads the audio.transcribe params (sdk/README.md); a param of the wrong
// type is AIHOST_INVALID_ARGUMENT.
ListenOptions parse_listen_params(const nlohmann::json& params,
                                  const Config& config);

// "model=nova-3&detect_language=true&..." with every value percent-encoded.
std::string build_listen_query(const ListenOptions& options,
                               const Config& config);

}  // namespace aihost::deepgram
