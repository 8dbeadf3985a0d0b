// audio.transcribe params and audio turned into a createTranscription
// multipart body.
#pragma once

#include "config.hpp"

#include <aihost/plugin.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace aihost::openai {

// OpenAI's upload limit for /audio/transcriptions.
inline constexpr size_t kMaxAudioBytes = 25u << 20;

struct TranscriptionRequest {
  std::string model;
  std::string content_type;  // multipart/form-data; boundary=...
  std::string body;
  bool verbose = false;                 // verbose_json was asked for
  std::optional<std::string> language;  // ISO-639-1 as sent
};

// The gpt-4o transcription family answers only `json`: no timestamps.
bool json_only_model(std::string_view model);

// Validates params and payload; throws Error(INVALID_ARGUMENT,
// PAYLOAD_TOO_LARGE or UNSUPPORTED) naming what is wrong.
TranscriptionRequest build_transcription_request(const Config& config,
                                                 const sdk::json& params,
                                                 std::string_view payload,
                                                 std::string_view payload_type);

}  // namespace aihost::openai
