// ${VAR} expansion in registry paths and URLs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace aihost::plugins {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Replaces every ${NAME} (NAME: [A-Za-z_][A-Za-z0-9_]*) with lookup(NAME),
// and ${NAME:-DEFAULT} with DEFAULT when NAME is unset or empty (DEFAULT
// cannot contain '}'). Throws std::invalid_argument naming the variable
// when it is unset without a default or the reference is malformed. A lone
// '$' is kept as is.
std::string expand_env(std::string_view text, const EnvLookup& lookup);

// The process environment, with AIHOST_PLUGIN_DIR defaulting to the build's
// plugin folder (default_plugin_dir()).
EnvLookup process_env();

}  // namespace aihost::plugins
