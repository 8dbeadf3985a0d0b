// What the long-running commands (serve, worker) do before anything else:
// take the signals they wait for away from every thread, and read their
// settings from the process environment.
#pragma once

#include <csignal>
#include <initializer_list>
#include <optional>

#include "cli/args.hpp"
#include "settings/settings.hpp"

namespace aihost::cli {

// Blocks `signals` in the calling thread and returns them as a set for
// sigwait. Call it before any thread exists (a store driver, a plugin, a
// library's pool): threads inherit the mask, so a signal is taken only by
// sigwait and can never reach a thread whose default action would end the
// process.
sigset_t block_signals(std::initializer_list<int> signals);

// The settings from the environment and --env-file, with each warning
// printed on stderr; nullopt (the error printed) when they cannot be read.
std::optional<settings::Settings> load_process_settings(const Args& args);

}  // namespace aihost::cli
