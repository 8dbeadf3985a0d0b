// The registry file (config/providers.yaml) as validated data, before any
// plugin code is touched. The schema is documented at the top of
// config/providers.yaml.
#pragma once

#include "net/http_types.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace aihost::plugins {

// The whole file is unusable (unreadable, malformed YAML, wrong top level).
// The message starts with "file:line:column:" when a position is known.
struct RegistryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Why one entry cannot be used: the registry field and the reason.
struct EntryProblem {
  std::string field;
  std::string reason;
};

struct PluginSpec {
  int line = 0;    // 1-based line of the entry in the file, 0 if unknown
  std::string id;  // "#<n>" (1-based position) when the entry has no valid id
  std::string library;  // as written, before ${VAR} expansion
  std::string sha256;   // lowercase hex, empty when not pinned
  std::string abi;      // "major.minor" as written
  int abi_major = 0;
  int abi_minor = 0;
  std::vector<std::string> capabilities;
  bool enabled = true;
  std::string base_url;  // empty for plugins without an upstream
  net::UpstreamPolicy upstream;
  nlohmann::json models = nlohmann::json::object();  // capability -> model
  nlohmann::json config = nlohmann::json::object();
  std::optional<EntryProblem> problem;  // the first schema violation
};

struct RegistryFile {
  std::filesystem::path path;
  int version = 0;
  std::vector<PluginSpec> plugins;
};

// Parses and validates; throws RegistryError for whole-file problems. Entry
// problems are recorded on the entry so that the others still load.
RegistryFile parse_registry(const std::filesystem::path& path);
RegistryFile parse_registry_text(const std::string& text,
                                 const std::filesystem::path& path);

}  // namespace aihost::plugins
