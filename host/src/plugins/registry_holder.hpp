// The registry in use, swapped whole on reload. A reload that fails keeps
// the snapshot in use; requests in flight keep the snapshot they started
// with alive through their shared_ptr.
#pragma once

#include "plugins/registry.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace aihost::plugins {

struct ReloadResult {
  bool ok = false;
  std::string error;  // why the file was refused, when !ok
  std::shared_ptr<const Registry> registry;  // the snapshot now in use
};

class RegistryHolder {
 public:
  explicit RegistryHolder(std::filesystem::path file,
                          EnvLookup env = process_env());

  // Loads the file again. On success the new snapshot replaces the old one;
  // on a malformed file the old snapshot stays and the error is returned.
  // Safe to call from any thread (SIGHUP handler thread, admin API).
  ReloadResult reload();

  // The snapshot in use, or nullptr when no load has succeeded yet.
  std::shared_ptr<const Registry> current() const;
  // The last reload's error, empty after a success.
  std::string last_error() const;
  const std::filesystem::path& file() const { return file_; }

 private:
  const std::filesystem::path file_;
  const EnvLookup env_;
  std::mutex reload_mu_;  // one reload at a time
  mutable std::mutex mu_;
  std::shared_ptr<const Registry> current_;
  std::string last_error_;
};

}  // namespace aihost::plugins
