// Reading the price table: the shipped file, and every malformed form refused
// with file and line.
#include "pricing/price_loader.hpp"
#include "pricing/price_error.hpp"

#include <catch2/catch.hpp>

using namespace aihost::pricing;

namespace {

std::string refusal(const std::string& yaml) {
  try {
    parse_price_table(yaml, "p.yaml");
  } catch (const PriceTableError& e) {
    return e.what();
  }
  return "accepted";
}

const std::string kHead =
    "version: \"t1\"\neffective_date: 2026-01-01\ncurrency: USD\n"
    "providers:\n";

}  // namespace

TEST_CASE("the shipped price table loads", "[pricing][load]") {
  auto t = load_price_table(AIHOST_SOURCE_DIR "/config/prices.yaml");
  CHECK(t.version() == "2026-11-01");
  CHECK(t.effective_date() == "2026-11-01");

  const Price* mini = t.find("openai", "gpt-4o-mini");
  REQUIRE(mini);
  CHECK(mini->billing == Billing::kTokens);
  CHECK(mini->per_1m_input_tokens == Approx(0.15));
  CHECK(mini->per_1m_cached_input_tokens == Approx(0.075));
  CHECK(mini->per_1m_output_tokens == Approx(0.60));
  CHECK_THAT(mini->where, Catch::Contains("prices.yaml:"));

  const Price* whisper = t.find("openai", "whisper-1");
  REQUIRE(whisper);
  CHECK(whisper->billing == Billing::kAudioMinutes);
  CHECK(whisper->per_audio_minute == Approx(0.006));
  CHECK_FALSE(whisper->per_channel);

  const Price* nova = t.find("deepgram", "nova-3");
  REQUIRE(nova);
  CHECK(nova->per_audio_minute == Approx(0.0043));
  CHECK(nova->per_audio_minute_diarization == 0);
  CHECK(nova->per_channel);
  CHECK(t.find("deepgram", "nova-3-multilingual")->per_audio_minute ==
        Approx(0.0052));

  const Price* pii = t.find("local-pii", "anything");
  REQUIRE(pii);
  CHECK(pii->billing == Billing::kCharacters);
  CHECK(pii->per_1k_characters == 0);

  CHECK(t.find("accent", "*") == nullptr);
}

TEST_CASE("malformed price tables are refused with file and line",
          "[pricing][load]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"version: t\nversion: [unclosed\n", "p.yaml:3: not valid YAML"},
      {"- a\n- b\n", "p.yaml:1: the price table must be a mapping"},
      {"effective_date: 2026-01-01\ncurrency: USD\nproviders: {}\n",
       "p.yaml:1: missing 'version'"},
      {"version: t\ncurrency: USD\nproviders: {}\n",
       "p.yaml:1: missing 'effective_date'"},
      {"version: t\neffective_date: 2026-01-01\nproviders: {}\n",
       "p.yaml:1: missing 'currency'"},
      {"version: t\neffective_date: 2026-01-01\ncurrency: USD\n",
       "p.yaml:1: missing 'providers'"},
      {"version: t\neffective_date: 2026-13-01\ncurrency: USD\nproviders: "
       "{}\n",
       "p.yaml:2: effective_date must be YYYY-MM-DD"},
      {"version: t\neffective_date: 2026-01-01\ncurrency: EUR\nproviders: "
       "{}\n",
       "p.yaml:3: currency must be USD"},
      {"version: t\nversion: u\n",
       "p.yaml:2: the price table has 'version' "
       "twice"},
      {"version: t\nprice: 1\n", "p.yaml:2: unknown top-level key 'price'"},
      {kHead + "  openai: 3\n", "p.yaml:5: openai must be a mapping"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokens: 2.5\n",
       "p.yaml:6: openai/gpt-4o: token pricing needs per_1m_input_tokens and "
       "per_1m_output_tokens"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokens: 2.5\n"
               "      per_1m_output_tokens: -1\n",
       "p.yaml:6: openai/gpt-4o: per_1m_output_tokens must be a non-negative"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokens: cheap\n",
       "p.yaml:7: openai/gpt-4o per_1m_input_tokens must be a number, not "
       "'cheap'"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokens: .nan\n"
               "      per_1m_output_tokens: 1\n",
       "p.yaml:7: openai/gpt-4o per_1m_input_tokens must be a number"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokens: 0x10\n",
       "p.yaml:7: openai/gpt-4o per_1m_input_tokens must be a number, not "
       "'0x10'"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokens: inf\n"
               "      per_1m_output_tokens: 1\n",
       "p.yaml:6: openai/gpt-4o: per_1m_input_tokens must be a non-negative"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokens: 1\n"
               "      per_1m_output_tokens: 1\n      per_audio_minute: 1\n",
       "p.yaml:6: openai/gpt-4o: mixes units"},
      {kHead + "  openai:\n    gpt-4o:\n      source: x\n",
       "p.yaml:6: openai/gpt-4o: no price"},
      {kHead + "  openai:\n    gpt-4o:\n      per_1m_input_tokns: 1\n",
       "p.yaml:7: openai/gpt-4o: unknown field 'per_1m_input_tokns'"},
      {kHead + "  openai:\n    gpt-4o:\n      per_audio_minute: 1\n"
               "      match: fuzzy\n",
       "p.yaml:6: openai/gpt-4o: match must be \"exact\" or \"prefix\""},
      {kHead + "  openai:\n    gpt-4o:\n      per_1k_characters: 1\n"
               "      per_channel: true\n",
       "per_channel applies to per_audio_minute pricing only"},
      {kHead + "  deepgram:\n    nova-3:\n      per_audio_minute: 1\n"
               "      per_channel: sometimes\n",
       "p.yaml:8: deepgram/nova-3 per_channel must be true or false"},
      {kHead + "  deepgram:\n    nova-3:\n      per_audio_minute_diarization:"
               " 1\n",
       "p.yaml:6: deepgram/nova-3: per_audio_minute_diarization needs "
       "per_audio_minute"},
      {kHead + "  deepgram:\n    nova-3: {per_audio_minute: 1}\n"
               "    nova-3: {per_audio_minute: 2}\n",
       "p.yaml:7: deepgram has 'nova-3' twice"},
      {kHead + "  deepgram:\n    \"*\": {per_audio_minute: 1, match: prefix}\n",
       "match: prefix makes no sense"},
      {kHead + "  openai:\n    gpt-4o: 2.5\n",
       "p.yaml:6: openai/gpt-4o must be a mapping"},
  };
  for (const auto& [yaml, expected] : cases) {
    INFO(yaml);
    CHECK_THAT(refusal(yaml), Catch::Contains(expected));
  }
}

TEST_CASE("a missing price file is refused by name", "[pricing][load]") {
  CHECK_THROWS_WITH(
      load_price_table("/nonexistent/prices.yaml"),
      Catch::Contains("/nonexistent/prices.yaml: cannot be read"));
}
