// One price: what a provider charges for a model, in USD, with its unit in
// every field name. An entry bills in exactly one unit family (tokens, audio
// minutes or characters); a price of 0 is an explicit "free", never the
// absence of a price.
#pragma once

#include <optional>
#include <string>

namespace aihost::pricing {

enum class Billing { kTokens, kAudioMinutes, kCharacters };

struct Price {
  std::string provider;
  std::string model;          // "*" prices every model of the provider
  bool prefix_match = false;  // also prices "<model>-<variant>"
  Billing billing = Billing::kTokens;

  // kTokens
  double per_1m_input_tokens = 0;
  std::optional<double> per_1m_cached_input_tokens;  // else the input rate
  std::optional<double> per_1m_audio_input_tokens;   // else the input rate
  double per_1m_output_tokens = 0;
  // Admission estimate for token-billed audio models (not for billing).
  std::optional<double> approx_per_audio_minute;

  // kAudioMinutes (billed to the second)
  double per_audio_minute = 0;
  double per_audio_minute_diarization = 0;  // add-on when diarizing
  bool per_channel = false;  // multichannel audio billed once per channel

  // kCharacters
  double per_1k_characters = 0;

  std::string where;  // "prices.yaml:42" or "tenant override", for reports
};

}  // namespace aihost::pricing
