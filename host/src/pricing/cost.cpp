#include "pricing/cost.hpp"

#include <algorithm>
#include <cmath>

namespace aihost::pricing {
namespace {

constexpr double kPerMillion = 1e6;

double audio_minutes_billed(double seconds, const Price& p,
                            const CallShape& shape) {
  double whole = std::ceil(std::max(0.0, seconds));
  int channels = p.per_channel ? std::max(1, shape.channels) : 1;
  return whole * channels / 60.0;
}

double audio_rate(const Price& p, const CallShape& shape) {
  return p.per_audio_minute +
         (shape.diarize ? p.per_audio_minute_diarization : 0.0);
}

Cost unpriced(std::string reason, std::string version = {}) {
  Cost c;
  c.reason = std::move(reason);
  c.price_version = std::move(version);
  return c;
}

}  // namespace

const char* method_name(CostMethod m) {
  switch (m) {
    case CostMethod::kTokens:
      return "tokens";
    case CostMethod::kAudioMinutes:
      return "audio_minutes";
    case CostMethod::kCharacters:
      return "characters";
    case CostMethod::kUnpriced:
      return "unpriced";
  }
  return "unpriced";
}

CostCalculator::Match CostCalculator::match(std::string_view provider,
                                            std::string_view model,
                                            const TenantPrices* tenant) const {
  if (tenant)
    if (const Price* p = tenant->prices.find(provider, model))
      return {p, "tenant:" + tenant->version};
  return {table_.find(provider, model), table_.version()};
}

Cost CostCalculator::cost(std::string_view provider, std::string_view model,
                          const sdk::Usage& u, const CallShape& shape,
                          const TenantPrices* tenant) const {
  Match m = match(provider, model, tenant);
  if (!m.price)
    return unpriced("no price for " + std::string(provider) + "/" +
                        std::string(model) + " in price table " +
                        table_.version(),
                    table_.version());
  const Price& p = *m.price;
  Cost c;
  c.price_version = m.version;
  c.priced_as = p.provider + "/" + p.model;
  switch (p.billing) {
    case Billing::kTokens: {
      if (u.input_tokens == 0 && u.output_tokens == 0 && u.audio_seconds > 0)
        return unpriced(c.priced_as +
                            " is priced by tokens but the call reported "
                            "audio without token usage",
                        m.version);
      int64_t cached = std::clamp<int64_t>(u.cached_tokens, 0, u.input_tokens);
      int64_t audio_in =
          std::clamp<int64_t>(u.audio_input_tokens, 0, u.input_tokens - cached);
      int64_t plain = u.input_tokens - cached - audio_in;
      double cached_rate =
          p.per_1m_cached_input_tokens.value_or(p.per_1m_input_tokens);
      double audio_in_rate =
          p.per_1m_audio_input_tokens.value_or(p.per_1m_input_tokens);
      c.method = CostMethod::kTokens;
      c.usd = (plain * p.per_1m_input_tokens + cached * cached_rate +
               audio_in * audio_in_rate +
               std::max<int64_t>(0, u.output_tokens) * p.per_1m_output_tokens) /
              kPerMillion;
      break;
    }
    case Billing::kAudioMinutes:
      c.method = CostMethod::kAudioMinutes;
      c.usd = audio_minutes_billed(u.audio_seconds, p, shape) *
              audio_rate(p, shape);
      break;
    case Billing::kCharacters:
      c.method = CostMethod::kCharacters;
      c.usd = std::max<int64_t>(0, u.characters) / 1000.0 * p.per_1k_characters;
      break;
  }
  c.micro_usd = std::llround(c.usd * kPerMillion);
  return c;
}

Cost CostCalculator::estimate(std::string_view provider, std::string_view model,
                              const Expectation& e,
                              const TenantPrices* tenant) const {
  Match m = match(provider, model, tenant);
  if (!m.price)
    return unpriced("no price for " + std::string(provider) + "/" +
                        std::string(model) + " in price table " +
                        table_.version(),
                    table_.version());
  const Price& p = *m.price;
  Cost c;
  c.price_version = m.version;
  c.priced_as = p.provider + "/" + p.model;
  switch (p.billing) {
    case Billing::kTokens: {
      c.method = CostMethod::kTokens;
      // Input at the dearest input rate: the estimate must not fall short.
      double in_rate = std::max({p.per_1m_input_tokens,
                                 p.per_1m_audio_input_tokens.value_or(0.0),
                                 p.per_1m_cached_input_tokens.value_or(0.0)});
      c.usd =
          (std::max<int64_t>(0, e.input_tokens) * in_rate +
           std::max<int64_t>(0, e.max_output_tokens) * p.per_1m_output_tokens) /
          kPerMillion;
      if (e.audio_seconds > 0 && e.input_tokens == 0) {
        if (!p.approx_per_audio_minute)
          return unpriced(c.priced_as +
                              " is priced by tokens and has no "
                              "approx_per_audio_minute to estimate audio",
                          m.version);
        c.usd += std::ceil(e.audio_seconds) / 60.0 * *p.approx_per_audio_minute;
      }
      break;
    }
    case Billing::kAudioMinutes:
      c.method = CostMethod::kAudioMinutes;
      c.usd = audio_minutes_billed(e.audio_seconds, p, e.shape) *
              audio_rate(p, e.shape);
      break;
    case Billing::kCharacters:
      c.method = CostMethod::kCharacters;
      c.usd = std::max<int64_t>(0, e.characters) / 1000.0 * p.per_1k_characters;
      break;
  }
  // Round up, but do not let binary noise (2.0000000001) add a micro-dollar.
  c.micro_usd = static_cast<int64_t>(std::ceil(c.usd * kPerMillion - 1e-6));
  return c;
}

}  // namespace aihost::pricing
