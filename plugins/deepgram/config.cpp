#include "config.hpp"

#include <aihost/plugin.hpp>

#include <set>

namespace aihost::deepgram {
namespace {

using sdk::Error;
using json = nlohmann::json;

[[noreturn]] void bad(const std::string& field, const std::string& why) {
  throw Error(AIHOST_INVALID_ARGUMENT, "config." + field + " " + why);
}

// Set per call from the request params; a fixed value here would silently
// override them. callback would turn the call asynchronous, which this
// plugin does not handle.
const std::set<std::string>& reserved_query_keys() {
  static const std::set<std::string> keys = {
      "model",        "language", "detect_language", "punctuate",
      "smart_format", "diarize",  "diarize_model",   "utterances",
      "multichannel", "callback", "callback_method"};
  return keys;
}

std::string wire_value(const std::string& field, const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  bad(field, "must be a string, number or boolean");
}

}  // namespace

Config parse_config(const json& cfg) {
  Config c;
  if (auto it = cfg.find("base_url"); it != cfg.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty())
      bad("base_url", "must be a non-empty string");
    c.base_url = it->get<std::string>();
    if (c.base_url.rfind("http://", 0) != 0 &&
        c.base_url.rfind("https://", 0) != 0)
      bad("base_url", "must start with http:// or https://");
    while (!c.base_url.empty() && c.base_url.back() == '/')
      c.base_url.pop_back();
  }
  if (auto it = cfg.find("model"); it != cfg.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty())
      bad("model", "must be a non-empty string");
    c.model = it->get<std::string>();
  }
  if (auto it = cfg.find("timeout_ms"); it != cfg.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 0)
      bad("timeout_ms", "must be a non-negative integer");
    c.timeout_ms = it->get<long long>();
  }
  if (auto it = cfg.find("query"); it != cfg.end() && !it->is_null()) {
    if (!it->is_object()) bad("query", "must be an object");
    for (const auto& [key, value] : it->items()) {
      const std::string field = "query." + key;
      if (key.empty()) bad("query", "has an empty key");
      if (reserved_query_keys().count(key))
        bad(field, "is set per request and cannot be fixed in the config");
      if (value.is_array()) {
        for (const auto& v : value)
          c.extra_query.emplace_back(key, wire_value(field, v));
      } else {
        c.extra_query.emplace_back(key, wire_value(field, value));
      }
    }
  }
  return c;
}

}  // namespace aihost::deepgram
