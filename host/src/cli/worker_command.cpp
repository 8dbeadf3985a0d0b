// aihost worker: job workers only, no HTTP. Any number of worker processes
// on any number of machines share the queue in the database (PostgreSQL);
// each claims jobs under a lease. SIGINT and SIGTERM stop it gracefully:
// no new claims, running jobs get --grace to finish, the rest go back to
// the queue for another worker.
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/services.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/operator_support.hpp"
#include "cli/process_start.hpp"
#include "jobs/worker_pool.hpp"
#include "plugins/registry_holder.hpp"
#include "settings/settings.hpp"
#include "storage/migrations.hpp"

namespace aihost::cli {
namespace {

constexpr const char* kHelp =
    "usage: aihost worker [--registry FILE] [--env-file FILE] [--workers N]\n"
    "                     [--grace SECONDS]\n"
    "\n"
    "Runs job workers until SIGINT or SIGTERM, against the store named by\n"
    "AI_DATABASE_URL. The schema must be current: run 'aihost migrate' (or\n"
    "start 'aihost serve', which migrates) first.\n"
    "\n"
    "  --registry FILE   default: $AI_REGISTRY or config/providers.yaml\n"
    "  --env-file FILE   AI_* settings to read (the environment wins)\n"
    "  --workers N       jobs run at once (default $AI_WORKERS)\n"
    "  --grace SECONDS   on stop, how long running jobs may take to finish\n"
    "                    before they go back to the queue (default 20)\n"
    "\n"
    "Leases last AI_JOB_LEASE_SECONDS and are renewed at a third of that; a\n"
    "worker that dies loses its jobs to another worker once they expire.\n";

int current_schema(storage::Database& db) {
  auto applied = storage::applied_migrations(db);
  return applied.empty() ? 0 : applied.back().version;
}

int worker(const Args& args) {
  if (!args.positional().empty())
    throw UsageError("unexpected argument '" + args.positional()[0] + "'");

  // First of all, so that every thread inherits the mask (see
  // block_signals).
  const sigset_t signals = block_signals({SIGINT, SIGTERM});
  const auto loaded = load_process_settings(args);
  if (!loaded) return kExitFailure;
  const settings::Settings& config = *loaded;

  jobs::WorkerPoolOptions options;
  options.workers = static_cast<int>(
      args.integer("workers", 1, 256).value_or(config.limits.workers));
  if (options.workers < 1) {
    std::cerr << "aihost: AI_WORKERS is 0; give --workers N" << std::endl;
    return kExitUsage;
  }
  options.lease = std::chrono::seconds(config.limits.job_lease_seconds);
  if (config.limits.max_concurrent_jobs > 0)
    options.default_tenant_limit = config.limits.max_concurrent_jobs;
  const auto grace =
      std::chrono::seconds(args.integer("grace", 0, 3600).value_or(20));

  std::unique_ptr<storage::Database> database;
  try {
    database = open_database(config);
    const int have = current_schema(*database);
    const int need = storage::all_migrations().back().version;
    if (have < need) {
      std::cerr << "aihost: the store " << database->redacted_url()
                << " is at schema version " << have << "; this build needs "
                << need << ": run 'aihost migrate'" << std::endl;
      return kExitFailure;
    }
  } catch (const std::exception& e) {
    std::cerr << "aihost: cannot open the store: " << e.what() << std::endl;
    return kExitFailure;
  }

  plugins::RegistryHolder registry(
      args.value("registry").value_or(config.registry_path));
  auto reload = registry.reload();
  if (!reload.ok) {
    std::cerr << "aihost: registry refused: " << reload.error << std::endl;
    return kExitRegistry;
  }

  // The same services serve runs, with its workers and without HTTP.
  std::unique_ptr<app::Services> services;
  try {
    app::ServicesOptions service_options;
    service_options.workers = options.workers;
    service_options.worker_tenant_limit = options.default_tenant_limit;
    services = std::make_unique<app::Services>(config, *database, registry,
                                               service_options);
  } catch (const std::exception& e) {
    std::cerr << "aihost: cannot start: " << e.what() << std::endl;
    return kExitFailure;
  }
  services->start_workers();
  std::cerr << "aihost: worker: " << options.workers << " worker(s) on "
            << database->redacted_url() << std::endl;

  int sig = 0;
  while (sigwait(&signals, &sig) != 0) {
  }
  std::cerr << "aihost: " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
            << ", stopping (grace " << grace.count() << " s)" << std::endl;
  services->stop(grace);
  return kExitOk;
}

}  // namespace

int worker_command(int argc, char** argv) {
  try {
    Args args(argc, argv, 2,
              {{"registry", true},
               {"env-file", true},
               {"workers", true},
               {"grace", true},
               {"help", false}});
    if (args.has("help")) {
      std::fputs(kHelp, stdout);
      return kExitOk;
    }
    return worker(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "aihost worker: %s\n\n%s", e.what(), kHelp);
    return kExitUsage;
  }
}

}  // namespace aihost::cli
