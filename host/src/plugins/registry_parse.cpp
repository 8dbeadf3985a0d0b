#include "plugins/registry_spec.hpp"

#include "plugins/sha256.hpp"
#include "plugins/yaml_json.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace aihost::plugins {
namespace {

struct EntryFault {
  std::string field;
  std::string reason;
};

const char* kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "nothing";
  }
}

int line_of(const YAML::Node& n) {
  return n.Mark().is_null() ? 0 : n.Mark().line + 1;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Rejects keys outside `known` and repeated keys (yaml-cpp keeps the first
// silently, which would hide an operator's edit).
void check_keys(const YAML::Node& map, const std::string& prefix,
                const std::vector<std::string>& known) {
  std::set<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (std::find(known.begin(), known.end(), key) == known.end())
      throw EntryFault{prefix + key, "unknown key '" + prefix + key +
                                         "' (known: " + join(known) + ")"};
    if (!seen.insert(key).second)
      throw EntryFault{prefix + key, "key '" + prefix + key + "' is repeated"};
  }
}

std::string string_field(const YAML::Node& n, const std::string& field) {
  if (!n.IsScalar())
    throw EntryFault{field, "must be a string, got " + std::string(kind(n))};
  return n.Scalar();
}

int int_field(const YAML::Node& n, const std::string& field, int min, int max) {
  if (!n.IsScalar() || n.Tag() == "!")
    throw EntryFault{
        field, "must be an integer, got " +
                   std::string(n.IsScalar() ? "a quoted string" : kind(n))};
  const std::string& s = n.Scalar();
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size())
    throw EntryFault{field, "must be an integer, got '" + s + "'"};
  if (value < min || value > max)
    throw EntryFault{field, "must be between " + std::to_string(min) + " and " +
                                std::to_string(max) + ", got " + s};
  return value;
}

bool valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

void parse_abi(const YAML::Node& n, PluginSpec& spec) {
  spec.abi = string_field(n, "abi");
  const std::string& s = spec.abi;
  auto dot = s.find('.');
  auto number = [&](std::string_view part, int& out) {
    auto [end, ec] =
        std::from_chars(part.data(), part.data() + part.size(), out);
    return !part.empty() && ec == std::errc() &&
           end == part.data() + part.size() && out >= 0;
  };
  std::string_view text(s);
  if (dot == std::string::npos ||
      !number(text.substr(0, dot), spec.abi_major) ||
      !number(text.substr(dot + 1), spec.abi_minor))
    throw EntryFault{
        "abi", "must read \"major.minor\" (e.g. \"1.0\"), got '" + s + "'"};
}

void parse_upstream(const YAML::Node& n, PluginSpec& spec) {
  if (!n.IsMap())
    throw EntryFault{"upstream",
                     "must be a mapping, got " + std::string(kind(n))};
  check_keys(
      n, "upstream.",
      {"base_url", "connect_timeout_ms", "read_timeout_ms", "total_timeout_ms",
       "max_retries", "backoff_initial_ms", "backoff_max_ms",
       "max_retry_after_ms", "max_response_bytes", "max_idle_per_origin",
       "idle_timeout_ms", "ca_location", "extra_ca_file"});
  auto& p = spec.upstream;
  constexpr int kDay = 24 * 3600 * 1000;
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    const std::string field = "upstream." + key;
    const YAML::Node& v = kv.second;
    if (key == "base_url") {
      spec.base_url = string_field(v, field);
      bool http = spec.base_url.rfind("http://", 0) == 0 ||
                  spec.base_url.rfind("https://", 0) == 0 ||
                  spec.base_url.rfind("${", 0) == 0;
      if (!spec.base_url.empty() && !http)
        throw EntryFault{field, "must be an http:// or https:// URL, got '" +
                                    spec.base_url + "'"};
    } else if (key == "connect_timeout_ms") {
      p.connect_timeout_ms = int_field(v, field, 1, kDay);
    } else if (key == "read_timeout_ms") {
      p.read_timeout_ms = int_field(v, field, 1, kDay);
    } else if (key == "total_timeout_ms") {
      p.total_timeout_ms = int_field(v, field, 1, kDay);
    } else if (key == "max_retries") {
      p.max_retries = int_field(v, field, 0, 10);
    } else if (key == "backoff_initial_ms") {
      p.backoff_initial_ms = int_field(v, field, 0, kDay);
    } else if (key == "backoff_max_ms") {
      p.backoff_max_ms = int_field(v, field, 0, kDay);
    } else if (key == "max_retry_after_ms") {
      p.max_retry_after_ms = int_field(v, field, 0, kDay);
    } else if (key == "max_response_bytes") {
      p.max_response_bytes = int_field(v, field, 1, 1 << 30);
    } else if (key == "max_idle_per_origin") {
      p.max_idle_per_origin = int_field(v, field, 0, 1024);
    } else if (key == "idle_timeout_ms") {
      p.idle_timeout_ms = int_field(v, field, 0, kDay);
    } else if (key == "ca_location") {
      p.ca_location = string_field(v, field);
    } else if (key == "extra_ca_file") {
      p.extra_ca_file = string_field(v, field);
    }
  }
  if (p.backoff_max_ms < p.backoff_initial_ms)
    throw EntryFault{"upstream.backoff_max_ms",
                     "must not be below upstream.backoff_initial_ms"};
}

void parse_defaults(const YAML::Node& n, PluginSpec& spec) {
  if (!n.IsMap())
    throw EntryFault{"defaults",
                     "must be a mapping, got " + std::string(kind(n))};
  check_keys(n, "defaults.", {"models"});
  const YAML::Node models = n["models"];
  if (!models) return;
  if (!models.IsMap())
    throw EntryFault{"defaults.models",
                     "must be a mapping of capability to model, got " +
                         std::string(kind(models))};
  for (const auto& kv : models) {
    const std::string cap = kv.first.Scalar();
    const std::string field = "defaults.models." + cap;
    if (std::find(spec.capabilities.begin(), spec.capabilities.end(), cap) ==
        spec.capabilities.end())
      throw EntryFault{field, "names '" + cap +
                                  "', which is not among the entry's "
                                  "capabilities"};
    std::string model = string_field(kv.second, field);
    if (model.empty()) throw EntryFault{field, "must not be empty"};
    if (spec.models.contains(cap))
      throw EntryFault{field, "key '" + field + "' is repeated"};
    spec.models[cap] = model;
  }
}

void parse_entry(const YAML::Node& n, PluginSpec& spec) {
  if (!n.IsMap())
    throw EntryFault{
        "plugins", "each entry must be a mapping, got " + std::string(kind(n))};
  // The id first, so that every later problem is reported under it.
  if (const YAML::Node id = n["id"]) {
    std::string value = string_field(id, "id");
    if (!valid_id(value))
      throw EntryFault{"id", "must match [a-z0-9_-]+, got '" + value + "'"};
    spec.id = value;
  } else {
    throw EntryFault{"id", "is required"};
  }
  check_keys(n, "",
             {"id", "library", "sha256", "abi", "capabilities", "status",
              "upstream", "defaults", "config"});
  for (const char* required : {"library", "abi", "capabilities"})
    if (!n[required]) throw EntryFault{required, "is required"};

  spec.library = string_field(n["library"], "library");
  if (spec.library.empty()) throw EntryFault{"library", "must not be empty"};

  if (const YAML::Node sha = n["sha256"]) {
    std::string value = string_field(sha, "sha256");
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (value.size() != 64 ||
        value.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw EntryFault{"sha256", "must be 64 hexadecimal digits"};
    spec.sha256 = value;
  }

  parse_abi(n["abi"], spec);

  const YAML::Node caps = n["capabilities"];
  if (!caps.IsSequence() || caps.size() == 0)
    throw EntryFault{"capabilities", "must be a non-empty list of operations"};
  for (const auto& c : caps) {
    std::string cap = string_field(c, "capabilities");
    if (std::find(spec.capabilities.begin(), spec.capabilities.end(), cap) !=
        spec.capabilities.end())
      throw EntryFault{"capabilities", "lists '" + cap + "' twice"};
    spec.capabilities.push_back(cap);
  }

  if (const YAML::Node status = n["status"]) {
    std::string value = string_field(status, "status");
    if (value != "enabled" && value != "disabled")
      throw EntryFault{"status",
                       "must be 'enabled' or 'disabled', got '" + value + "'"};
    spec.enabled = value == "enabled";
  }
  if (const YAML::Node up = n["upstream"]) parse_upstream(up, spec);
  if (const YAML::Node d = n["defaults"]) parse_defaults(d, spec);
  if (const YAML::Node c = n["config"]) {
    if (!c.IsMap() && !c.IsNull())
      throw EntryFault{"config",
                       "must be a mapping, got " + std::string(kind(c))};
    if (c.IsMap()) spec.config = yaml_to_json(c);
  }
}

std::string at(const std::filesystem::path& path, const YAML::Mark& mark) {
  return path.string() + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

}  // namespace

RegistryFile parse_registry_text(const std::string& text,
                                 const std::filesystem::path& path) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw RegistryError(at(path, e.mark) + ": malformed YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    throw RegistryError(path.string() + ": malformed YAML: " + e.what());
  }
  if (!root.IsMap())
    throw RegistryError(path.string() +
                        ": the top level must be a mapping with 'version' "
                        "and 'plugins'");
  std::set<std::string> seen;
  for (const auto& kv : root) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (key != "version" && key != "plugins")
      throw RegistryError(at(path, kv.first.Mark()) +
                          ": unknown top-level key '" + key +
                          "' (known: version, plugins)");
    if (!seen.insert(key).second)
      throw RegistryError(at(path, kv.first.Mark()) + ": key '" + key +
                          "' is repeated");
  }
  RegistryFile file;
  file.path = path;
  const YAML::Node version = root["version"];
  if (!version || !version.IsScalar() || version.Scalar() != "1")
    throw RegistryError(
        path.string() +
        ": 'version' must be 1 (the only schema this host reads)");
  file.version = 1;
  const YAML::Node plugins = root["plugins"];
  if (!plugins || !(plugins.IsSequence() || plugins.IsNull()))
    throw RegistryError(path.string() + ": 'plugins' must be a list");

  int position = 0;
  for (const auto& entry : plugins) {
    ++position;
    PluginSpec spec;
    spec.line = line_of(entry);
    try {
      parse_entry(entry, spec);
    } catch (const EntryFault& fault) {
      if (spec.id.empty()) spec.id = "#" + std::to_string(position);
      spec.problem = EntryProblem{fault.field, fault.reason};
    } catch (const YAML::Exception& e) {
      if (spec.id.empty()) spec.id = "#" + std::to_string(position);
      spec.problem = EntryProblem{"plugins", e.what()};
    }
    file.plugins.push_back(std::move(spec));
  }
  return file;
}

RegistryFile parse_registry(const std::filesystem::path& path) {
  std::string text;
  try {
    text = read_file_bytes(path);
  } catch (const std::exception& e) {
    throw RegistryError(e.what());
  }
  return parse_registry_text(text, path);
}

}  // namespace aihost::plugins
