// The exit codes of every aihost command, stable for scripts.
#pragma once

namespace aihost::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,    // anything not covered below (e.g. serve cannot bind)
  kExitUsage = 2,      // unknown command or flag, bad argument
  kExitRegistry = 3,   // registry malformed, plugin refused or disabled
  kExitOperation = 4,  // the plugin or the provider failed the operation
};

}  // namespace aihost::cli
