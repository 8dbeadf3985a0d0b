#include "listen_query.hpp"

#include <aihost/plugin.hpp>

namespace aihost::deepgram {
namespace {

using json = nlohmann::json;
using sdk::Error;

bool read_bool(const json& params, const char* key, bool fallback) {
  auto it = params.find(key);
  if (it == params.end() || it->is_null()) return fallback;
  if (!it->is_boolean())
    throw Error(AIHOST_INVALID_ARGUMENT,
                std::string("params.") + key + " must be a boolean");
  return it->get<bool>();
}

std::optional<std::string> read_string(const json& params, const char* key) {
  auto it = params.find(key);
  if (it == params.end() || it->is_null()) return std::nullopt;
  if (!it->is_string() || it->get<std::string>().empty())
    throw Error(AIHOST_INVALID_ARGUMENT,
                std::string("params.") + key + " must be a non-empty string");
  return it->get<std::string>();
}

std::string encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

void add(std::string& q, std::string_view key, std::string_view value) {
  if (!q.empty()) q += '&';
  q += encode(key);
  q += '=';
  q += encode(value);
}

const char* flag(bool b) { return b ? "true" : "false"; }

}  // namespace

ListenOptions parse_listen_params(const json& params, const Config& config) {
  ListenOptions o;
  o.model = read_string(params, "model").value_or(config.model);
  o.language = read_string(params, "language");
  if (o.language == "auto") o.language.reset();
  o.punctuate = read_bool(params, "punctuate", true);
  o.smart_format = read_bool(params, "smart_format", false);
  o.diarize = read_bool(params, "diarize", false);
  o.utterances = read_bool(params, "utterances", true);
  o.multichannel = read_bool(params, "multichannel", false);
  return o;
}

std::string build_listen_query(const ListenOptions& o, const Config& config) {
  std::string q;
  add(q, "model", o.model);
  if (o.language)
    add(q, "language", *o.language);
  else
    add(q, "detect_language", "true");
  add(q, "punctuate", flag(o.punctuate));
  add(q, "smart_format", flag(o.smart_format));
  // diarize=true is the documented switch; diarize_model must never be sent
  // beside it, or Deepgram rejects the request.
  add(q, "diarize", flag(o.diarize));
  add(q, "utterances", flag(o.utterances));
  add(q, "multichannel", flag(o.multichannel));
  for (const auto& [k, v] : config.extra_query) add(q, k, v);
  return q;
}

}  // namespace aihost::deepgram
