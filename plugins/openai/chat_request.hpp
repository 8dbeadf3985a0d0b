// llm.chat params (sdk/README.md) turned into a createChatCompletion body.
#pragma once

#include "config.hpp"

#include <aihost/plugin.hpp>

namespace aihost::openai {

struct ChatRequest {
  sdk::json body;
  // json_schema or json_object was asked for: the answer's content is JSON
  // text to be parsed into LlmResult.parsed.
  bool structured = false;
};

// Validates `params` and builds the request body; throws
// Error(INVALID_ARGUMENT) naming the parameter at fault.
ChatRequest build_chat_request(const Config& config, const sdk::json& params,
                               bool stream);

}  // namespace aihost::openai
