// The OpenAI wire format on our side of the gateway: requests as the
// official SDKs send them, turned into the plugin operations' params, and
// the normalised results turned back into the shapes the SDKs parse.
// Everything the SDKs may send that we cannot honour is refused with a
// clear invalid_request naming the field, never silently ignored.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace aihost::api::openai_wire {

struct ChatRequest {
  nlohmann::json params;  // llm.chat params (sdk/README.md)
  std::string model;      // as the client named it
  bool stream = false;
  bool include_usage = false;  // stream_options.include_usage
  int64_t prompt_chars = 0;    // for the admission estimate
  int64_t max_output_tokens = 0;
};

// Throws ApiError 400 invalid_request naming the field.
ChatRequest parse_chat_request(const nlohmann::json& body);

// An LlmResult as a chat.completion object.
nlohmann::json chat_completion(const nlohmann::json& result,
                               const std::string& requested_model,
                               int64_t created);

// The usage object of chat.completion(.chunk) from an LlmResult's usage.
nlohmann::json chat_usage(const nlohmann::json& usage);

// One chat.completion.chunk carrying `delta` (and finish_reason).
nlohmann::json chat_chunk(const std::string& id, const std::string& model,
                          int64_t created, const nlohmann::json& delta,
                          const nlohmann::json& finish_reason = nullptr);

// A Transcript in one of the OpenAI response formats; text formats
// ("text", "srt", "vtt") come back as a JSON string.
nlohmann::json transcription_body(const nlohmann::json& transcript,
                                  const std::string& format);

// "00:01:02,345" (srt) or "00:01:02.345" (vtt).
std::string timestamp(double seconds, char millis_separator);

}  // namespace aihost::api::openai_wire
