// One JSON POST to a Presidio service through the host's egress, with
// Presidio's error bodies mapped onto the status enum.
#pragma once

#include <aihost/plugin.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace aihost::accent {

struct Service {
  std::string name;               // "analyzer" or "anonymizer", for messages
  std::string url;                // full endpoint URL
  std::vector<sdk::Header> auth;  // extra headers (a gateway's bearer)
  long long timeout_ms = 0;
};

// True for the 500s the analyzer uses for bad input: they are the caller's
// fault, so retrying cannot help.
bool is_input_error(int http_status, std::string_view body);

// The message of a Presidio error body {"error": "..."}, or a short excerpt
// of whatever else came back.
std::string error_message(std::string_view body);

// The error for a non-2xx answer of `service`.
sdk::Error error_for(const std::string& service, const sdk::HttpResponse& r);

// POSTs `body` and returns the parsed JSON of a 2xx answer; throws sdk::Error
// otherwise.
nlohmann::json post_json(const aihost_call* call, const Service& service,
                         const nlohmann::json& body);

}  // namespace aihost::accent
