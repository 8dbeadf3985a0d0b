#include "pricing/price_loader.hpp"

#include "pricing/price_error.hpp"
#include "pricing/price_fields.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace aihost::pricing {
namespace {

class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}

  std::string at(const YAML::Node& n) const {
    return path_ + ":" + std::to_string(n.Mark().line + 1);
  }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& why) const {
    throw PriceTableError(at(n) + ": " + why);
  }

  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, what + " must be a single value");
    return n.Scalar();
  }

  double number(const YAML::Node& n, const std::string& what) const {
    std::string s = scalar(n, what);
    // Plain decimal or exponent notation only: no hex, no sign tricks.
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v,
                                     std::chars_format::general);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
      fail(n, what + " must be a number, not '" + s + "'");
    return v;
  }

  bool boolean(const YAML::Node& n, const std::string& what) const {
    std::string s = scalar(n, what);
    if (s == "true") return true;
    if (s == "false") return false;
    fail(n, what + " must be true or false");
  }

  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  // Keys of a mapping, refusing duplicates (YAML allows them silently).
  std::vector<Entry> entries(const YAML::Node& map,
                             const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " must be a mapping");
    std::vector<Entry> out;
    std::set<std::string> seen;
    for (const auto& kv : map) {
      std::string key = scalar(kv.first, "a key in " + what);
      if (!seen.insert(key).second)
        fail(kv.first, what + " has '" + key + "' twice");
      out.push_back({key, kv.first, kv.second});
    }
    return out;
  }

 private:
  const std::string& path_;
};

Price read_entry(const Reader& r, const std::string& provider,
                 const Reader::Entry& model_entry) {
  const std::string& model = model_entry.key;
  EntryFields fields;
  std::string what = provider + "/" + model;
  for (const auto& [key, key_node, value] :
       r.entries(model_entry.value, what)) {
    std::string field = what + " " + key;
    if (is_number_field(key))
      fields.numbers[key] = r.number(value, field);
    else if (is_text_field(key))
      fields.texts[key] = r.scalar(value, field);
    else if (is_flag_field(key))
      fields.flags[key] = r.boolean(value, field);
    else
      r.fail(key_node, what + ": unknown field '" + key +
                           "' (prices are per_1m_input_tokens, "
                           "per_1m_cached_input_tokens, "
                           "per_1m_audio_input_tokens, per_1m_output_tokens, "
                           "approx_per_audio_minute, per_audio_minute, "
                           "per_audio_minute_diarization, per_1k_characters; "
                           "also match, per_channel, source, note)");
  }
  return make_price(provider, model, fields, r.at(model_entry.key_node));
}

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

PriceTable parse_price_table(std::string_view yaml, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw PriceTableError(path + ":" + std::to_string(e.mark.line + 1) +
                          ": not valid YAML: " + e.msg);
  }
  Reader r(path);
  if (!root.IsMap())
    throw PriceTableError(path + ":1: the price table must be a mapping");

  std::string version, effective, currency;
  YAML::Node providers;
  bool have_providers = false;
  for (const auto& [key, key_node, value] :
       r.entries(root, "the price table")) {
    if (key == "version")
      version = r.scalar(value, "version");
    else if (key == "effective_date")
      effective = r.scalar(value, "effective_date");
    else if (key == "currency")
      currency = r.scalar(value, "currency");
    else if (key == "providers") {
      providers = value;
      have_providers = true;
    } else
      r.fail(key_node, "unknown top-level key '" + key +
                           "' (expected version, effective_date, currency, "
                           "providers)");
  }
  auto missing = [&](const char* what) {
    throw PriceTableError(path + ":1: missing '" + what + "'");
  };
  if (version.empty()) missing("version");
  if (effective.empty()) missing("effective_date");
  if (currency.empty()) missing("currency");
  if (!have_providers) missing("providers");
  if (!valid_date(effective))
    r.fail(root["effective_date"], "effective_date must be YYYY-MM-DD");
  if (currency != "USD")
    r.fail(root["currency"], "currency must be USD (costs are kept in USD)");

  std::vector<Price> prices;
  for (const auto& p : r.entries(providers, "providers"))
    for (const auto& m : r.entries(p.value, p.key))
      prices.push_back(read_entry(r, p.key, m));
  return PriceTable(version, effective, std::move(prices));
}

PriceTable load_price_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw PriceTableError(path +
                          ": cannot be read (AI_PRICES names the "
                          "price table)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_price_table(text.str(), path);
}

}  // namespace aihost::pricing
