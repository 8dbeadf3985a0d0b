#include "pricing/price_fields.hpp"

#include "pricing/price_error.hpp"

#include <array>
#include <cmath>

namespace aihost::pricing {
namespace {

constexpr std::array kTokenFields = {
    "per_1m_input_tokens", "per_1m_cached_input_tokens",
    "per_1m_audio_input_tokens", "per_1m_output_tokens",
    "approx_per_audio_minute"};
constexpr std::array kAudioFields = {"per_audio_minute",
                                     "per_audio_minute_diarization"};
constexpr std::array kCharacterFields = {"per_1k_characters"};

template <class A>
bool any_in(const EntryFields& f, const A& names) {
  for (const char* n : names)
    if (f.numbers.count(n)) return true;
  return false;
}

template <class A>
bool contains(const A& names, const std::string& n) {
  for (const char* x : names)
    if (n == x) return true;
  return false;
}

}  // namespace

bool is_number_field(const std::string& n) {
  return contains(kTokenFields, n) || contains(kAudioFields, n) ||
         contains(kCharacterFields, n);
}
bool is_text_field(const std::string& n) {
  return n == "match" || n == "source" || n == "note";
}
bool is_flag_field(const std::string& n) { return n == "per_channel"; }

Price make_price(const std::string& provider, const std::string& model,
                 const EntryFields& f, const std::string& where) {
  auto fail = [&](const std::string& why) -> PriceTableError {
    return PriceTableError(where + ": " + provider + "/" + model + ": " + why);
  };
  for (const auto& [name, value] : f.numbers)
    if (!std::isfinite(value) || value < 0)
      throw fail(name + " must be a non-negative number of USD");

  Price p;
  p.provider = provider;
  p.model = model;
  p.where = where;

  bool tokens = any_in(f, kTokenFields);
  bool audio = any_in(f, kAudioFields);
  bool chars = any_in(f, kCharacterFields);
  if (tokens + audio + chars != 1)
    throw fail(tokens + audio + chars == 0
                   ? "no price: give per_1m_input_tokens and "
                     "per_1m_output_tokens, per_audio_minute, or "
                     "per_1k_characters"
                   : "mixes units: an entry bills by tokens, by audio "
                     "minutes or by characters, not several");

  auto num = [&](const char* n) -> std::optional<double> {
    auto it = f.numbers.find(n);
    if (it == f.numbers.end()) return std::nullopt;
    return it->second;
  };
  if (tokens) {
    p.billing = Billing::kTokens;
    auto in = num("per_1m_input_tokens");
    auto out = num("per_1m_output_tokens");
    if (!in || !out)
      throw fail(
          "token pricing needs per_1m_input_tokens and per_1m_output_tokens");
    p.per_1m_input_tokens = *in;
    p.per_1m_output_tokens = *out;
    p.per_1m_cached_input_tokens = num("per_1m_cached_input_tokens");
    p.per_1m_audio_input_tokens = num("per_1m_audio_input_tokens");
    p.approx_per_audio_minute = num("approx_per_audio_minute");
  } else if (audio) {
    p.billing = Billing::kAudioMinutes;
    auto per_min = num("per_audio_minute");
    if (!per_min)
      throw fail("per_audio_minute_diarization needs per_audio_minute");
    p.per_audio_minute = *per_min;
    p.per_audio_minute_diarization =
        num("per_audio_minute_diarization").value_or(0);
  } else {
    p.billing = Billing::kCharacters;
    p.per_1k_characters = *num("per_1k_characters");
  }

  if (auto it = f.flags.find("per_channel"); it != f.flags.end()) {
    if (p.billing != Billing::kAudioMinutes)
      throw fail("per_channel applies to per_audio_minute pricing only");
    p.per_channel = it->second;
  }
  if (auto it = f.texts.find("match"); it != f.texts.end()) {
    if (it->second == "prefix")
      p.prefix_match = true;
    else if (it->second != "exact")
      throw fail("match must be \"exact\" or \"prefix\"");
  }
  if (model == "*" && p.prefix_match)
    throw fail("match: prefix makes no sense for \"*\"");
  return p;
}

}  // namespace aihost::pricing
