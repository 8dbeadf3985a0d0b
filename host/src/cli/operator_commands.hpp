// The operator commands: schema, tenants, tenant API keys, provider configs,
// features and limits, usage, master keys and settings. Each takes the
// arguments after its command name, its streams and the environment, so it
// runs the same from main() and in-process from tests.
//
// Every command reads the service settings (AI_DATABASE_URL, ...) through
// settings::load_settings, prints text or, with --json, one JSON document,
// and on failure prints "aihost <command>: <code>: <message>" (with --json
// also {"error": {"code", "message"}}) and returns a non-zero exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "settings/settings.hpp"

namespace aihost::cli {

struct OperatorIo {
  std::istream& in;  // provider keys with --api-key-stdin
  std::ostream& out;
  std::ostream& err;
  settings::Environment env;  // AI_* variables
};

using OperatorArgs = std::vector<std::string>;

int run_migrate(const OperatorArgs& args, OperatorIo& io);
int run_tenants(const OperatorArgs& args, OperatorIo& io);
int run_keys(const OperatorArgs& args, OperatorIo& io);
int run_config(const OperatorArgs& args, OperatorIo& io);
int run_features(const OperatorArgs& args, OperatorIo& io);
int run_usage(const OperatorArgs& args, OperatorIo& io);
int run_settings(const OperatorArgs& args, OperatorIo& io);

// For main(): argv[1] is the command; the process's streams and AI_*
// environment.
int operator_main(int (*command)(const OperatorArgs&, OperatorIo&), int argc,
                  char** argv);

// The same commands in the dispatch table's shape (argv[1] is the command).
int operator_migrate(int argc, char** argv);
int operator_tenants(int argc, char** argv);
int operator_keys(int argc, char** argv);
int operator_config(int argc, char** argv);
int operator_features(int argc, char** argv);
int operator_usage(int argc, char** argv);
int operator_settings(int argc, char** argv);

}  // namespace aihost::cli
