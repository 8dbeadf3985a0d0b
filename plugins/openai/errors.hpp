// OpenAI error answers mapped onto aihost statuses (sdk/README.md, "Errors").
#pragma once

#include <aihost/plugin.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace aihost::openai {

// The failure for a non-2xx answer: status by HTTP code (429 split by
// error.code), provider message and code, retry hint from the headers.
sdk::Error http_error(const sdk::HttpResponse& response,
                      std::string_view api_key);

// The failure for an {"error":{...}} object that arrived inside a 200 SSE
// stream, where no HTTP status tells the cause.
sdk::Error stream_error(const sdk::json& error, std::string_view api_key);

// Server delay from retry-after-ms (milliseconds) or Retry-After (seconds
// or an HTTP date); -1 when absent or unusable.
long long retry_after_ms(const std::vector<sdk::Header>& headers);

// True for answers that a retry cannot fix even though their status looks
// transient: an exhausted quota, or the server saying x-should-retry: false.
bool forbids_retry(int status, const std::vector<sdk::Header>& headers,
                   std::string_view body);

// Removes the key, and the masked key OpenAI echoes in 401 messages, from
// text that will leave the plugin.
std::string scrub(std::string text, std::string_view api_key);

}  // namespace aihost::openai
