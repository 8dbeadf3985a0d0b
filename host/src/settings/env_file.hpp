// The optional env file (AI_ENV_FILE or --env-file): one KEY=VALUE per line,
// '#' comments, an optional leading "export ", values optionally quoted.
// Single quotes are literal; double quotes understand \n \t \" \\ \$.
// Unquoted values end at " #" and are trimmed.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace aihost::settings {

struct EnvFileEntry {
  std::string value;
  int line = 0;
};

using EnvFileEntries = std::map<std::string, EnvFileEntry>;

// Throws SettingsError naming "<path>:<line>" for a malformed line, and the
// path when the file cannot be read.
EnvFileEntries read_env_file(const std::string& path);
EnvFileEntries parse_env_file(std::string_view text, const std::string& path);

}  // namespace aihost::settings
