// The operator commands as the CLI's dispatch table calls them.
#include "cli/operator_commands.hpp"

namespace aihost::cli {

int operator_migrate(int argc, char** argv) {
  return operator_main(&run_migrate, argc, argv);
}
int operator_tenants(int argc, char** argv) {
  return operator_main(&run_tenants, argc, argv);
}
int operator_keys(int argc, char** argv) {
  return operator_main(&run_keys, argc, argv);
}
int operator_config(int argc, char** argv) {
  return operator_main(&run_config, argc, argv);
}
int operator_features(int argc, char** argv) {
  return operator_main(&run_features, argc, argv);
}
int operator_usage(int argc, char** argv) {
  return operator_main(&run_usage, argc, argv);
}
int operator_settings(int argc, char** argv) {
  return operator_main(&run_settings, argc, argv);
}

}  // namespace aihost::cli
