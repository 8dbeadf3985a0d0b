#include "config.hpp"

#include <aihost/plugin.hpp>

namespace aihost::accent {
namespace {

using sdk::Error;
using json = nlohmann::json;

[[noreturn]] void refuse(const std::string& message) {
  throw Error(AIHOST_INVALID_ARGUMENT, "config." + message);
}

std::optional<std::string> url_field(const json& cfg, const char* key) {
  auto it = cfg.find(key);
  if (it == cfg.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) refuse(std::string(key) + " must be a string");
  std::string url = it->get<std::string>();
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    refuse(std::string(key) + " must be an http:// or https:// URL");
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

Config parse_config(const json& cfg) {
  Config c;
  auto base = url_field(cfg, "base_url");
  auto analyzer = url_field(cfg, "analyzer_url");
  auto anonymizer = url_field(cfg, "anonymizer_url");
  if (!analyzer) analyzer = base;
  if (!anonymizer) anonymizer = base;
  if (!analyzer)
    refuse("analyzer_url is required (or base_url for both services)");
  if (!anonymizer)
    refuse("anonymizer_url is required (or base_url for both services)");
  c.analyzer_url = *analyzer;
  c.anonymizer_url = *anonymizer;

  if (auto it = cfg.find("language"); it != cfg.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty())
      refuse("language must be a non-empty string");
    c.language = it->get<std::string>();
  }
  if (auto it = cfg.find("entities"); it != cfg.end() && !it->is_null()) {
    if (!it->is_array()) refuse("entities must be an array of strings");
    std::vector<std::string> list;
    for (const auto& e : *it) {
      if (!e.is_string() || e.get<std::string>().empty())
        refuse("entities must be an array of non-empty strings");
      list.push_back(e.get<std::string>());
    }
    c.entities = std::move(list);
  }
  if (auto it = cfg.find("score_threshold");
      it != cfg.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
      refuse("score_threshold must be a number between 0 and 1");
    c.score_threshold = it->get<double>();
  }
  if (auto it = cfg.find("auth"); it != cfg.end() && !it->is_null()) {
    std::string auth = it->is_string() ? it->get<std::string>() : "";
    if (auth == "bearer")
      c.bearer_auth = true;
    else if (auth != "none")
      refuse("auth must be \"none\" or \"bearer\"");
  }
  if (auto it = cfg.find("timeout_ms"); it != cfg.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 0)
      refuse("timeout_ms must be a non-negative integer");
    c.timeout_ms = it->get<long long>();
  }
  return c;
}

}  // namespace aihost::accent
