#include "plugins/plugin_dir.hpp"

#include <cstdlib>
#include <system_error>

namespace aihost::plugins {

std::string default_plugin_dir() {
  if (const char* dir = std::getenv("AIHOST_PLUGIN_DIR"); dir && *dir)
    return dir;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "lib/plugins";
  return (exe.parent_path().parent_path() / "lib" / "plugins").string();
}

}  // namespace aihost::plugins
