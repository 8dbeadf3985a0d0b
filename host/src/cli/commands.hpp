// One function per sub-command; each parses its own flags and returns the
// process exit code (exit_codes.hpp).
#pragma once

namespace aihost::cli {

// argv[0] is the program, argv[1] the command, flags follow.
int plugins_command(int argc, char** argv);
int invoke_command(int argc, char** argv);
int serve_command(int argc, char** argv);
int worker_command(int argc, char** argv);

// The registry used when --registry is absent: $AI_REGISTRY, else
// config/providers.yaml under the working directory.
const char* default_registry();

}  // namespace aihost::cli
