#include "config.hpp"

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

std::optional<std::string> optional_string(const json& config,
                                           const char* field) {
  auto it = config.find(field);
  if (it == config.end() || it->is_null()) return std::nullopt;
  if (!it->is_string() || it->get_ref<const std::string&>().empty())
    throw Error(AIHOST_INVALID_ARGUMENT,
                std::string("config.") + field + " must be a non-empty string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.find_first_of("\r\n") != std::string::npos)
    throw Error(AIHOST_INVALID_ARGUMENT,
                std::string("config.") + field + " must be a single line");
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Config Config::parse(const json& config) {
  Config c;
  if (auto url = optional_string(config, "base_url")) {
    if (!starts_with(*url, "https://") && !starts_with(*url, "http://"))
      throw Error(AIHOST_INVALID_ARGUMENT,
                  "config.base_url must start with https:// or http://");
    c.base_url = *url;
    while (!c.base_url.empty() && c.base_url.back() == '/')
      c.base_url.pop_back();
  }
  c.model = optional_string(config, "model");
  if (auto it = config.find("models"); it != config.end() && !it->is_null()) {
    if (!it->is_object())
      throw Error(AIHOST_INVALID_ARGUMENT,
                  "config.models must map operations to model names");
    for (const auto& [op, name] : it->items()) {
      if (!name.is_string() || name.get_ref<const std::string&>().empty())
        throw Error(AIHOST_INVALID_ARGUMENT,
                    "config.models." + op + " must be a non-empty string");
      c.models[op] = name.get<std::string>();
    }
  }
  c.organization = optional_string(config, "organization");
  c.project = optional_string(config, "project");
  if (auto it = config.find("timeout_ms");
      it != config.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 0)
      throw Error(AIHOST_INVALID_ARGUMENT,
                  "config.timeout_ms must be a non-negative integer");
    c.timeout_ms = it->get<long long>();
  }
  return c;
}

std::string Config::model_for(std::string_view operation,
                              std::string_view fallback) const {
  if (auto it = models.find(std::string(operation)); it != models.end())
    return it->second;
  return model.value_or(std::string(fallback));
}

std::vector<sdk::Header> auth_headers(const Config& config,
                                      std::string_view api_key) {
  if (api_key.empty())
    throw Error(AIHOST_UNAUTHENTICATED, "no OpenAI API key was supplied");
  for (char ch : api_key)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
      throw Error(AIHOST_INVALID_ARGUMENT,
                  "the OpenAI API key contains control characters");
  std::vector<sdk::Header> headers;
  headers.push_back({"Authorization", "Bearer " + std::string(api_key)});
  if (config.organization)
    headers.push_back({"OpenAI-Organization", *config.organization});
  if (config.project) headers.push_back({"OpenAI-Project", *config.project});
  return headers;
}

}  // namespace aihost::openai
