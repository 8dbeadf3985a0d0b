// Instance configuration of the OpenAI plugin and the headers every request
// carries.
#pragma once

#include <aihost/plugin.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::openai {

inline constexpr const char* kDefaultBaseUrl = "https://api.openai.com/v1";
inline constexpr const char* kDefaultChatModel = "gpt-4o-mini";
inline constexpr const char* kDefaultTranscriptionModel = "whisper-1";

struct Config {
  std::string base_url = kDefaultBaseUrl;  // without a trailing '/'
  std::optional<std::string> model;  // overrides the per-operation default
  // Per operation ({"llm.chat": ..., "audio.transcribe": ...}); wins over
  // `model`, so one instance can serve both operations.
  std::map<std::string, std::string> models;
  std::optional<std::string> organization;
  std::optional<std::string> project;
  long long timeout_ms = 0;  // 0: the host's policy decides

  // Throws Error(INVALID_ARGUMENT) naming the offending field.
  static Config parse(const sdk::json& config);

  // The model for `operation` when the call names none.
  std::string model_for(std::string_view operation,
                        std::string_view fallback) const;

  std::string url(std::string_view path) const {
    return base_url + std::string(path);
  }
};

// Authorization plus the optional organization and project headers. Throws
// when the key is missing or cannot be sent as a header value; the key
// itself never appears in the message.
std::vector<sdk::Header> auth_headers(const Config& config,
                                      std::string_view api_key);

}  // namespace aihost::openai
