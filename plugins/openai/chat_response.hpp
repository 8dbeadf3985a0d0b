// createChatCompletion answers turned into LlmResult.
#pragma once

#include <aihost/plugin.hpp>
#include <aihost/results.hpp>

#include <string_view>

namespace aihost::openai {

inline constexpr const char* kProvider = "openai";

// CompletionUsage; every detail field is optional (older answers lack them).
sdk::Usage parse_chat_usage(const sdk::json& usage);

// Fills `parsed` and `truncated` once content, refusal and finish_reason are
// known. Partial JSON from a truncated answer is never parsed.
void settle_structured(sdk::LlmResult& result, bool structured);

// A 2xx body; throws Error(UPSTREAM_PROTOCOL) when it is off-contract.
sdk::LlmResult parse_chat_response(std::string_view body, bool structured);

}  // namespace aihost::openai
