#include "cli/cli.hpp"

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/operator_commands.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace aihost::cli {
namespace {

constexpr const char* kUsage =
    "usage: aihost <command> [options]\n"
    "\n"
    "commands:\n"
    "  plugins check   validate the plugin registry and load its plugins\n"
    "  invoke          run one operation of one plugin against its provider\n"
    "  serve           run the HTTP server\n"
    "  worker          run job workers only (no HTTP)\n"
    "  migrate         apply the database migrations\n"
    "  tenants         create, list, activate and deactivate tenants\n"
    "  keys            issue, list and revoke tenant API keys; generate and\n"
    "                  rotate master keys\n"
    "  config          set and list a tenant's provider configurations\n"
    "  features        show and set a tenant's features and limits\n"
    "  usage           month-to-date spend of a tenant\n"
    "  settings        print the effective AI_* settings, secrets redacted\n"
    "\n"
    "Run 'aihost <command> --help' for the options of a command.\n";

struct Command {
  std::string_view name;
  int (*run)(int, char**);
};

constexpr Command kCommands[] = {
    {"plugins", &plugins_command},    {"invoke", &invoke_command},
    {"serve", &serve_command},        {"worker", &worker_command},
    {"migrate", &operator_migrate},   {"tenants", &operator_tenants},
    {"keys", &operator_keys},         {"config", &operator_config},
    {"features", &operator_features}, {"usage", &operator_usage},
    {"settings", &operator_settings},
};

}  // namespace

const char* default_registry() {
  for (const char* name : {"AI_REGISTRY", "AIHOST_REGISTRY"})
    if (const char* env = std::getenv(name); env && *env) return env;
  return "config/providers.yaml";
}

int run(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  for (const auto& command : kCommands)
    if (command.name == name) return command.run(argc, argv);
  std::fprintf(stderr, "aihost: unknown command '%.*s'\n\n%s",
               static_cast<int>(name.size()), name.data(), kUsage);
  return kExitUsage;
}

}  // namespace aihost::cli
