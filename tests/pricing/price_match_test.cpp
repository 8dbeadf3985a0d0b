// Finding a model's price: exact names, dated snapshots, variants of
// prefix-matched entries, the provider's "*" entry, and nothing else.
#include "pricing/price_loader.hpp"

#include <catch2/catch.hpp>

using namespace aihost::pricing;

namespace {

const PriceTable& table() {
  static const PriceTable t = parse_price_table(R"(
version: m1
effective_date: 2026-02-01
currency: USD
providers:
  openai:
    gpt-4o: {per_1m_input_tokens: 2.5, per_1m_output_tokens: 10}
    gpt-4o-mini: {per_1m_input_tokens: 0.15, per_1m_output_tokens: 0.6}
    gpt-4: {per_1m_input_tokens: 30, per_1m_output_tokens: 60}
  deepgram:
    nova-3: {per_audio_minute: 0.0043, match: prefix}
    nova-3-multilingual: {per_audio_minute: 0.0052}
  local-pii:
    "*": {per_1k_characters: 0}
)",
                                                "m.yaml");
  return t;
}

std::string priced_as(const std::string& provider, const std::string& model) {
  const Price* p = table().find(provider, model);
  return p ? p->provider + "/" + p->model : "none";
}

}  // namespace

TEST_CASE("exact names and dated snapshots", "[pricing][match]") {
  CHECK(priced_as("openai", "gpt-4o") == "openai/gpt-4o");
  CHECK(priced_as("openai", "gpt-4o-mini") == "openai/gpt-4o-mini");
  CHECK(priced_as("openai", "gpt-4o-mini-2024-07-18") == "openai/gpt-4o-mini");
  CHECK(priced_as("openai", "gpt-4o-2024-08-06") == "openai/gpt-4o");
  CHECK(priced_as("openai", "gpt-4o-20240806") == "openai/gpt-4o");
  CHECK(priced_as("openai", "gpt-4-0613") == "openai/gpt-4");
}

TEST_CASE("other models sharing a prefix are not priced by it",
          "[pricing][match]") {
  // Different products whose names extend a priced one.
  CHECK(priced_as("openai", "gpt-4o-mini-transcribe") == "none");
  CHECK(priced_as("openai", "gpt-4o-mini-tts") == "none");
  CHECK(priced_as("openai", "gpt-4o-realtime-preview") == "none");
  CHECK(priced_as("openai", "gpt-4.1") == "none");
  CHECK(priced_as("openai", "gpt-4o-2024-08") == "none");
  CHECK(priced_as("openai", "gpt-4o-2024-0806") == "none");
  CHECK(priced_as("openai", "gpt-4o-") == "none");
  CHECK(priced_as("openai", "GPT-4O") == "none");
  CHECK(priced_as("openai", "") == "none");
}

TEST_CASE("variants of a prefix-matched entry", "[pricing][match]") {
  CHECK(priced_as("deepgram", "nova-3") == "deepgram/nova-3");
  CHECK(priced_as("deepgram", "nova-3-general") == "deepgram/nova-3");
  CHECK(priced_as("deepgram", "nova-3-medical") == "deepgram/nova-3");
  // An exact, longer entry wins over the prefix.
  CHECK(priced_as("deepgram", "nova-3-multilingual") ==
        "deepgram/nova-3-multilingual");
  CHECK(priced_as("deepgram", "nova-30") == "none");
  CHECK(priced_as("deepgram", "nova-3-") == "none");
  CHECK(priced_as("deepgram", "nova-2") == "none");
}

TEST_CASE("the provider's wildcard and unknown providers", "[pricing][match]") {
  CHECK(priced_as("local-pii", "") == "local-pii/*");
  CHECK(priced_as("local-pii", "en") == "local-pii/*");
  CHECK(priced_as("accent", "gpt-4o") == "none");
  CHECK(priced_as("OpenAI", "gpt-4o") == "none");
}

TEST_CASE("snapshot suffixes", "[pricing][match]") {
  CHECK(is_snapshot_suffix("-2024-07-18"));
  CHECK(is_snapshot_suffix("-20240718"));
  CHECK(is_snapshot_suffix("-0613"));
  CHECK_FALSE(is_snapshot_suffix("-latest"));
  CHECK_FALSE(is_snapshot_suffix("2024-07-18"));
  CHECK_FALSE(is_snapshot_suffix("-2024/07/18"));
  CHECK_FALSE(is_snapshot_suffix("-613"));
}
