// One plugin shared library: loaded, its entry resolved and its ABI
// negotiated before anything else in it is called. Never unloaded
// (DESIGN.md §4 rule 12).
#pragma once

#include <aihost/plugin.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace aihost::plugins {

class PluginLibrary {
 public:
  // Loads `path`, resolves the entry symbol, negotiates the ABI and calls
  // init. Throws LoadError naming the file and the reason on any refusal.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& path);

  const aihost_plugin_descriptor& descriptor() const { return *descriptor_; }
  const std::filesystem::path& path() const { return path_; }
  std::string id() const { return descriptor_->id ? descriptor_->id : ""; }
  std::string version() const {
    return descriptor_->version ? descriptor_->version : "";
  }
  std::vector<std::string> capabilities() const;
  bool offers(std::string_view operation) const;
  // The extension table for `id`, or nullptr.
  const void* extension(const char* id) const;

 private:
  struct Handle;
  PluginLibrary() = default;
  std::shared_ptr<Handle> handle_;  // keeps the library mapped
  const aihost_plugin_descriptor* descriptor_ = nullptr;
  std::filesystem::path path_;
};

// Why a plugin was refused; `field` names the part that failed
// (path, sha256, entry, abi, capabilities, init).
struct LoadError : std::runtime_error {
  LoadError(std::string field, const std::string& message)
      : std::runtime_error(message), field(std::move(field)) {}
  std::string field;
};

}  // namespace aihost::plugins
