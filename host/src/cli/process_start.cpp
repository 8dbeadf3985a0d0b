#include "cli/process_start.hpp"

#include <pthread.h>

#include <iostream>

#include "settings/settings_error.hpp"

namespace aihost::cli {

sigset_t block_signals(std::initializer_list<int> signals) {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : signals) sigaddset(&set, sig);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

std::optional<settings::Settings> load_process_settings(const Args& args) {
  settings::LoadResult loaded;
  try {
    loaded = settings::load_settings(settings::process_environment(),
                                     args.value("env-file"));
  } catch (const settings::SettingsError& e) {
    std::cerr << "aihost: " << e.what() << std::endl;
    return std::nullopt;
  }
  for (const auto& warning : loaded.warnings)
    std::cerr << "aihost: warning: " << warning << std::endl;
  return std::move(loaded.settings);
}

}  // namespace aihost::cli
