// From a finished plugin call to what is billed and recorded: the raw
// quantities (reported by the provider, or counted from a stream that
// never reported them) and the usage row of the attempt.
#pragma once

#include <cstdint>
#include <string>

#include <aihost/results.hpp>
#include <nlohmann/json.hpp>

#include "gateway/provider_call.hpp"

namespace aihost::gateway {

// Where an attempt's quantities came from: "provider" (the result's usage),
// "counted" (approximated from a stream: content bytes / 4 output tokens,
// the prompt's estimate as input), "none" (the call failed before the
// provider did any billable work).
struct MeteredUsage {
  sdk::Usage usage;
  std::string source = "none";
};

// What a stream delivered, tallied event by event.
class StreamTally {
 public:
  void add(const nlohmann::json& event);
  int64_t events() const { return events_; }
  int64_t content_bytes() const { return bytes_; }
  // About four bytes of English text per token.
  int64_t approx_tokens() const { return (bytes_ + 3) / 4; }

 private:
  int64_t events_ = 0;
  int64_t bytes_ = 0;
};

// The prompt's size in tokens, approximated from the messages' text.
int64_t approx_prompt_tokens(const nlohmann::json& params);

// The provider-reported usage of a successful result, if it reports any.
bool reported_usage(const plugins::Outcome& outcome, sdk::Usage& usage);

// `text` with every occurrence of `secret` replaced, and capped in length.
std::string scrub(std::string text, const std::string& secret);

// The row recorded for one attempt: the report's provider, model and cost.
// A failure's error_code is the API's code for it (classify() in
// provider_failure.hpp); its message is the outcome's, with the key scrubbed.
storage::UsageLog usage_row(const ProviderCall& call, const CallReport& report,
                            const MeteredUsage& metered,
                            const std::string& api_key, int64_t now_ms);

}  // namespace aihost::gateway
