// Deepgram error answers as aihost statuses (sdk/README.md, "Errors").
#pragma once

#include <aihost/plugin.hpp>

#include <string_view>

namespace aihost::deepgram {

// The failure for a non-2xx answer. Reads both body styles Deepgram uses:
// {"err_code","err_msg","request_id"} and
// {"category","message","details","request_id"}. `api_key` is scrubbed from
// anything echoed back.
sdk::Error map_error(const sdk::HttpResponse& response,
                     std::string_view api_key);

// Removes every occurrence of `secret` from `text`.
std::string redact_secret(std::string text, std::string_view secret);

}  // namespace aihost::deepgram
