// An immutable snapshot of the plugin registry: every entry of the file with
// its status, and for the loaded ones the library and the egress built from
// the entry's upstream policy. Readers hold a shared_ptr for as long as they
// use an entry; RegistryHolder swaps snapshots on reload.
#pragma once

#include "net/egress.hpp"
#include "plugins/env_expand.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/registry_spec.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace aihost::plugins {

enum class PluginStatus { loaded, refused, disabled };

const char* to_string(PluginStatus status);

struct PluginEntry {
  PluginSpec spec;
  std::filesystem::path library_path;  // resolved; empty if it could not be
  PluginStatus status = PluginStatus::refused;
  std::string field;   // for refused entries: the registry field at fault
  std::string reason;  // for refused entries: why
  std::shared_ptr<PluginLibrary> library;     // loaded entries only
  std::shared_ptr<const net::Egress> egress;  // loaded entries only

  const std::string& id() const { return spec.id; }
  // "FILE:LINE: plugin 'ID': field 'FIELD': REASON" for refused entries.
  std::string refusal(const std::filesystem::path& registry_file) const;
  // The instance configuration the registry gives `operation`: base_url,
  // the default model for the operation, then the entry's `config`.
  nlohmann::json instance_config(const std::string& operation) const;
};

class Registry {
 public:
  // Parses, validates and loads every entry of `path`. One broken entry
  // never stops the others; a malformed file throws RegistryError.
  static std::shared_ptr<const Registry> load(
      const std::filesystem::path& path, const EnvLookup& env = process_env());

  const std::filesystem::path& file() const { return file_; }
  const std::vector<PluginEntry>& plugins() const { return plugins_; }
  const PluginEntry* find(const std::string& id) const;
  std::chrono::system_clock::time_point loaded_at() const { return loaded_at_; }
  // Entries that are enabled but refused: the operator has something to fix.
  size_t enabled_refused() const;
  size_t loaded_count() const;

  // One object per entry: id, status, abi, version, capabilities, library,
  // and field/reason when refused.
  nlohmann::json describe() const;

 private:
  Registry() = default;
  std::filesystem::path file_;
  std::vector<PluginEntry> plugins_;
  std::chrono::system_clock::time_point loaded_at_;
};

}  // namespace aihost::plugins
