// Where the built plugins live when AIHOST_PLUGIN_DIR is not set.
#pragma once

#include <filesystem>
#include <string>

namespace aihost::plugins {

// AIHOST_PLUGIN_DIR from the environment, else the `lib/plugins` folder
// beside the running binary's folder (build/bin/aihost -> build/lib/plugins),
// which is where the build puts every plugin.
std::string default_plugin_dir();

}  // namespace aihost::plugins
