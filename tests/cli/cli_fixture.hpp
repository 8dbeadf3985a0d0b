// Registry files the CLI tests hand to the binary.
#pragma once

#include "temp_dir.hpp"

#include <filesystem>
#include <string>

namespace aihost::testing {

// An entry for the C99 echo plugin ("c-echo", llm.chat), found through
// ${AIHOST_PLUGIN_DIR}; `extra` adds lines to the entry.
std::string echo_entry(const std::string& extra = "");
// An entry for the registry test plugin ("variant", llm.chat), which answers
// with the `label` of its configuration.
std::string variant_entry(const std::string& extra = "");
// "version: 1\nplugins:\n" + entries, written as providers.yaml.
std::filesystem::path write_registry(const TempDir& dir,
                                     const std::string& entries);

}  // namespace aihost::testing
