#include "plugins/env_expand.hpp"

#include "plugins/plugin_dir.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace aihost::plugins {

std::string expand_env(std::string_view text, const EnvLookup& lookup) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$' || i + 1 >= text.size() || text[i + 1] != '{') {
      out += text[i++];
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos)
      throw std::invalid_argument("unterminated ${ in '" + std::string(text) +
                                  "'");
    std::string name(text.substr(i + 2, close - i - 2));
    std::optional<std::string> fallback;
    if (auto sep = name.find(":-"); sep != std::string::npos) {
      fallback = name.substr(sep + 2);
      name.resize(sep);
    }
    bool valid =
        !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
    for (char c : name)
      valid =
          valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!valid)
      throw std::invalid_argument("malformed variable reference '${" + name +
                                  "}'");
    auto value = lookup(name);
    if ((!value || value->empty()) && fallback) value = fallback;
    if (!value)
      throw std::invalid_argument("environment variable " + name +
                                  " is not set");
    out += *value;
    i = close + 1;
  }
  return out;
}

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (name == "AIHOST_PLUGIN_DIR") return default_plugin_dir();
    if (const char* v = std::getenv(name.c_str())) return std::string(v);
    return std::nullopt;
  };
}

}  // namespace aihost::plugins
