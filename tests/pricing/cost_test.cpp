// Cost of a call from its usage, for each unit, and the admission estimate.
#include "pricing/cost.hpp"
#include "pricing/price_loader.hpp"

#include <catch2/catch.hpp>

using namespace aihost::pricing;
using aihost::sdk::Usage;

namespace {

const PriceTable& shipped() {
  static const PriceTable t =
      load_price_table(AIHOST_SOURCE_DIR "/config/prices.yaml");
  return t;
}

const PriceTable& custom() {
  static const PriceTable t = parse_price_table(R"(
version: c7
effective_date: 2026-03-01
currency: USD
providers:
  deepgram:
    nova-3:
      per_audio_minute: 0.0043
      per_audio_minute_diarization: 0.002
      per_channel: true
  openai:
    no-cache-rate: {per_1m_input_tokens: 1.0, per_1m_output_tokens: 2.0}
    whisper-1: {per_audio_minute: 0.006}
  presidio:
    "*": {per_1k_characters: 0.5}
)",
                                                "c.yaml");
  return t;
}

Usage tokens(int64_t in, int64_t out, int64_t cached = 0) {
  Usage u;
  u.input_tokens = in;
  u.output_tokens = out;
  u.cached_tokens = cached;
  return u;
}

Usage audio(double seconds) {
  Usage u;
  u.audio_seconds = seconds;
  return u;
}

}  // namespace

TEST_CASE("chat tokens with cached input", "[pricing][cost]") {
  CostCalculator calc(shipped());
  // (12000 - 4000) * 0.15 + 4000 * 0.075 + 1500 * 0.60 per 1M
  Cost c =
      calc.cost("openai", "gpt-4o-mini-2024-07-18", tokens(12000, 1500, 4000));
  CHECK(c.method == CostMethod::kTokens);
  CHECK(std::string(method_name(c.method)) == "tokens");
  CHECK(c.usd == Approx(0.0024));
  CHECK(c.micro_usd == 2400);
  CHECK(c.price_version == "2026-11-01");
  CHECK(c.priced_as == "openai/gpt-4o-mini");
  CHECK(c.reason.empty());

  Cost big = calc.cost("openai", "gpt-4o", tokens(1000000, 100000));
  CHECK(big.usd == Approx(3.5));
  CHECK(big.micro_usd == 3500000);

  // Reasoning tokens are already inside output tokens: not billed twice.
  Usage reasoning = tokens(1000, 2000);
  reasoning.reasoning_tokens = 1500;
  CHECK(calc.cost("openai", "gpt-4.1-mini", reasoning).micro_usd == 400 + 3200);
}

TEST_CASE("cached tokens without a cached rate pay the input rate",
          "[pricing][cost]") {
  CostCalculator calc(custom());
  CHECK(calc.cost("openai", "no-cache-rate", tokens(1000, 0, 600)).micro_usd ==
        1000);
  // A provider reporting more cached than input tokens is clamped.
  CHECK(calc.cost("openai", "no-cache-rate", tokens(100, 0, 900)).micro_usd ==
        100);
}

TEST_CASE("transcription billed by tokens, audio tokens at their rate",
          "[pricing][cost]") {
  CostCalculator calc(shipped());
  Usage u = tokens(1000, 200);
  u.audio_input_tokens = 900;
  u.audio_seconds = 42;
  // 100 text * 2.50 + 900 audio * 6.00 + 200 * 10.00 per 1M
  Cost c = calc.cost("openai", "gpt-4o-transcribe", u);
  CHECK(c.method == CostMethod::kTokens);
  CHECK(c.micro_usd == 7650);
  // Without a separate audio rate, audio tokens pay the input rate.
  CHECK(calc.cost("openai", "gpt-4o-mini-transcribe", u).micro_usd ==
        1250 + 1000);
}

TEST_CASE("token-priced audio without token usage is unpriced, not free",
          "[pricing][cost]") {
  CostCalculator calc(shipped());
  Cost c = calc.cost("openai", "gpt-4o-mini-transcribe", audio(30));
  CHECK(c.method == CostMethod::kUnpriced);
  CHECK_FALSE(c.priced());
  CHECK_THAT(c.reason, Catch::Contains("without token usage"));
  CHECK(c.micro_usd == 0);
}

TEST_CASE("audio minutes billed to the second", "[pricing][cost]") {
  CostCalculator calc(shipped());
  Cost c = calc.cost("openai", "whisper-1", audio(61.2));  // 62 s
  CHECK(c.method == CostMethod::kAudioMinutes);
  CHECK(std::string(method_name(c.method)) == "audio_minutes");
  CHECK(c.usd == Approx(62.0 / 60 * 0.006));
  CHECK(c.micro_usd == 6200);
  CHECK(calc.cost("openai", "whisper-1", audio(60)).micro_usd == 6000);
  CHECK(calc.cost("openai", "whisper-1", audio(0)).micro_usd == 0);
  // Channels only multiply where the provider bills each channel.
  CHECK(calc.cost("openai", "whisper-1", audio(60), {2, false}).micro_usd ==
        6000);
}

TEST_CASE("multichannel and diarization", "[pricing][cost]") {
  CostCalculator shipped_calc(shipped());
  Cost two =
      shipped_calc.cost("deepgram", "nova-3-general", audio(90), {2, false});
  CHECK(two.micro_usd == 12900);  // 180 s * 0.0043 / 60
  CHECK(two.priced_as == "deepgram/nova-3");
  // The shipped diarization add-on is 0.
  CHECK(
      shipped_calc.cost("deepgram", "nova-3", audio(60), {1, true}).micro_usd ==
      4300);

  CostCalculator calc(custom());
  CHECK(calc.cost("deepgram", "nova-3", audio(60), {1, true}).micro_usd ==
        6300);
  CHECK(calc.cost("deepgram", "nova-3", audio(60), {2, true}).micro_usd ==
        12600);
  CHECK(calc.cost("deepgram", "nova-3", audio(60), {0, false}).micro_usd ==
        4300);
}

TEST_CASE("characters", "[pricing][cost]") {
  CostCalculator calc(custom());
  Usage u;
  u.characters = 2500;
  Cost c = calc.cost("presidio", "", u);
  CHECK(c.method == CostMethod::kCharacters);
  CHECK(std::string(method_name(c.method)) == "characters");
  CHECK(c.usd == Approx(1.25));
  CHECK(c.micro_usd == 1250000);
  CHECK(c.price_version == "c7");

  // local-pii is priced, at zero: a $0 that is a price, not a gap.
  Cost local = CostCalculator(shipped()).cost("local-pii", "", u);
  CHECK(local.priced());
  CHECK(local.method == CostMethod::kCharacters);
  CHECK(local.micro_usd == 0);
}

TEST_CASE("models without a price are unpriced and say why",
          "[pricing][cost]") {
  CostCalculator calc(shipped());
  for (auto [provider, model] :
       {std::pair<const char*, const char*>{"openai", "gpt-5-turbo"},
        {"openai", "gpt-4o-mini-tts"},
        {"accent", ""},
        {"nobody", "x"}}) {
    INFO(provider << "/" << model);
    Cost c = calc.cost(provider, model, tokens(100, 100));
    CHECK(c.method == CostMethod::kUnpriced);
    CHECK(std::string(method_name(c.method)) == "unpriced");
    CHECK(c.usd == 0);
    CHECK(c.micro_usd == 0);
    CHECK(c.price_version == "2026-11-01");
    CHECK_THAT(c.reason, Catch::Contains(std::string("no price for ") +
                                         provider + "/" + model));
  }
}

TEST_CASE("admission estimates are upper bounds", "[pricing][estimate]") {
  CostCalculator calc(shipped());
  Expectation chat;
  chat.input_tokens = 1000;
  chat.max_output_tokens = 500;
  Cost e = calc.estimate("openai", "gpt-4o-mini", chat);
  CHECK(e.method == CostMethod::kTokens);
  CHECK(e.micro_usd == 450);
  // The estimate never undercuts the real cost of the same call.
  for (int64_t cached : {0, 400, 1000}) {
    Cost real = calc.cost("openai", "gpt-4o-mini", tokens(1000, 500, cached));
    CHECK(real.micro_usd <= e.micro_usd);
  }

  // Rounded up to a whole micro-dollar, real cost to the nearest.
  Expectation one;
  one.input_tokens = 1;
  CHECK(calc.estimate("openai", "gpt-4o-mini", one).micro_usd == 1);
  CHECK(calc.cost("openai", "gpt-4o-mini", tokens(1, 0)).micro_usd == 0);
  // Exact values are not pushed up by floating-point noise.
  Expectation exact;
  exact.input_tokens = 1000000;
  CHECK(calc.estimate("openai", "gpt-4o", exact).micro_usd == 2500000);

  Expectation speech;
  speech.audio_seconds = 124.3;  // 125 s
  speech.shape = {2, true};
  CHECK(calc.estimate("deepgram", "nova-3", speech).micro_usd ==
        17917);  // 250 s * 0.0043 / 60 = 0.017916.. rounded up
  CHECK(calc.estimate("openai", "whisper-1", speech).micro_usd == 12500);
  CHECK(calc.estimate("openai", "gpt-4o-mini-transcribe", speech).micro_usd ==
        6250);

  Expectation text;
  text.characters = 10000;
  CHECK(calc.estimate("local-pii", "", text).micro_usd == 0);
  CHECK(calc.estimate("local-pii", "", text).priced());
}

TEST_CASE("estimates that cannot be made are unpriced", "[pricing][estimate]") {
  auto t = parse_price_table(R"(
version: e1
effective_date: 2026-03-01
currency: USD
providers:
  openai:
    tokens-only-audio: {per_1m_input_tokens: 1, per_1m_output_tokens: 1}
)",
                             "e.yaml");
  CostCalculator calc(t);
  Expectation speech;
  speech.audio_seconds = 60;
  Cost e = calc.estimate("openai", "tokens-only-audio", speech);
  CHECK_FALSE(e.priced());
  CHECK_THAT(e.reason, Catch::Contains("approx_per_audio_minute"));
  CHECK_FALSE(calc.estimate("openai", "unknown", speech).priced());
}
