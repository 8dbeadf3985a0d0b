// A stand-in for the aihost binary's dispatch of the operator commands, so
// the process path (real stdin, the process's AI_* environment, exit codes)
// is tested before and independently of the main dispatch table.
#include <cstdio>
#include <cstring>

#include "cli/operator_commands.hpp"

int main(int argc, char** argv) {
  using namespace aihost::cli;
  struct {
    const char* name;
    int (*run)(int, char**);
  } const table[] = {
      {"migrate", operator_migrate},   {"tenants", operator_tenants},
      {"keys", operator_keys},         {"config", operator_config},
      {"features", operator_features}, {"usage", operator_usage},
      {"settings", operator_settings}};
  if (argc < 2) return 2;
  for (const auto& c : table)
    if (std::strcmp(c.name, argv[1]) == 0) return c.run(argc, argv);
  std::fprintf(stderr, "unknown command\n");
  return 2;
}
