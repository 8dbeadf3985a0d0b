// One plugin shared library: loaded, its entry resolved and its ABI
// negotiated before anything else in it is called. Never unloaded
// (DESIGN.md §4 rule 12).
#pragma once

#include <aihost/plugin.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::plugins {

class PluginLibrary {
 public:
  // Loads `path`, resolves the entry symbol, negotiates the ABI and calls
  // init. When `pinned_sha256` is given, the file's digest must equal it.
  // Loading the same file content twice returns the same library (init runs
  // once per mapped library); loading a path whose content changed since it
  // was mapped loads a content-addressed copy alongside the old code.
  // Throws LoadError naming the file and the reason on any refusal.
  static std::shared_ptr<PluginLibrary> load(
      const std::filesystem::path& path, std::string_view pinned_sha256 = {});

  const aihost_plugin_descriptor& descriptor() const { return *descriptor_; }
  // The path asked for, even when a content-addressed copy was mapped.
  const std::filesystem::path& path() const { return path_; }
  // The file actually mapped.
  const std::filesystem::path& mapped_path() const { return mapped_path_; }
  const std::string& sha256() const { return sha256_; }
  std::string id() const { return descriptor_->id ? descriptor_->id : ""; }
  std::string version() const {
    return descriptor_->version ? descriptor_->version : "";
  }
  std::string abi() const {
    return std::to_string(descriptor_->abi_major) + "." +
           std::to_string(descriptor_->abi_minor);
  }
  std::vector<std::string> capabilities() const;
  bool offers(std::string_view operation) const;
  // The extension table for `id`, or nullptr.
  const void* extension(const char* id) const;

  // Maps `file` and negotiates; used by the content-addressed cache only.
  static std::shared_ptr<PluginLibrary> open(const std::filesystem::path& file,
                                             const std::filesystem::path& asked,
                                             std::string sha256);

 private:
  struct Handle;
  PluginLibrary() = default;
  std::shared_ptr<Handle> handle_;  // keeps the library mapped
  const aihost_plugin_descriptor* descriptor_ = nullptr;
  std::filesystem::path path_;
  std::filesystem::path mapped_path_;
  std::string sha256_;
};

// Why a plugin was refused; `field` names the registry field that failed
// (library, sha256, abi).
struct LoadError : std::runtime_error {
  LoadError(std::string field, const std::string& message)
      : std::runtime_error(message), field(std::move(field)) {}
  std::string field;
};

}  // namespace aihost::plugins
