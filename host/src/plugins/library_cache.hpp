// Process-wide cache of mapped plugin libraries, keyed by file content.
//
// dlopen hands back the already-mapped object for a path it has seen, so a
// reload after the file at that path changed would silently keep the old
// code. The cache therefore maps each new content of a known path from a
// content-addressed copy, and hands back the same library for content it has
// already mapped, so that a plugin's init runs once per mapped library.
#pragma once

#include "plugins/plugin_library.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace aihost::plugins {

class LibraryCache {
 public:
  static LibraryCache& instance();

  // See PluginLibrary::load.
  std::shared_ptr<PluginLibrary> obtain(const std::filesystem::path& path,
                                        std::string_view pinned_sha256);

  ~LibraryCache();

 private:
  LibraryCache() = default;
  std::filesystem::path copy_for(const std::filesystem::path& path,
                                 const std::string& bytes,
                                 const std::string& sha256);

  std::mutex mu_;
  // "canonical path\nsha256" -> the library mapped for that content.
  std::map<std::string, std::shared_ptr<PluginLibrary>> by_content_;
  // Canonical paths that were mapped directly (not from a copy).
  std::map<std::string, std::string> mapped_paths_;
  std::filesystem::path copy_dir_;
};

}  // namespace aihost::plugins
