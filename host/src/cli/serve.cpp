// aihost serve: the HTTP server until SIGINT or SIGTERM; SIGHUP reloads the
// plugin registry.
#include "api/server.hpp"
#include "app/services.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/operator_support.hpp"
#include "cli/process_start.hpp"
#include "plugins/registry_holder.hpp"
#include "settings/settings.hpp"
#include "storage/migrations.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>

namespace aihost::cli {
namespace {

constexpr const char* kHelp =
    "usage: aihost serve [--listen HOST:PORT] [--registry FILE] "
    "[--env-file FILE]\n"
    "\n"
    "Runs the HTTP API (the routes are in docs/openapi.json, served at\n"
    "/openapi.json) and AI_WORKERS job workers in the same process.\n"
    "SIGHUP reloads the registry (a broken registry is refused and the one in\n"
    "use stays); SIGINT and SIGTERM stop after requests in progress finish.\n"
    "\n"
    "  --listen HOST:PORT  default $AI_LISTEN or 127.0.0.1:8080; port 0 picks\n"
    "                      a free port\n"
    "  --registry FILE     default: $AI_REGISTRY or config/providers.yaml\n"
    "  --env-file FILE     AI_* settings to read (the environment wins)\n"
    "\n"
    "The store named by AI_DATABASE_URL (default: the SQLite file\n"
    "var/aihost.db) is opened and migrated before the server listens.\n"
    "\n"
    "Once listening it prints 'listening on http://HOST:PORT' on stdout.\n";

void log_registry(const plugins::ReloadResult& result, const char* what) {
  if (!result.ok) {
    std::cerr << "aihost: " << what << " refused: " << result.error
              << (result.registry ? " (the previous registry stays in use)"
                                  : "")
              << std::endl;
    return;
  }
  const auto& r = *result.registry;
  std::cerr << "aihost: " << what << " " << r.file().string() << ": "
            << r.loaded_count() << " of " << r.plugins().size()
            << " plugin(s) loaded" << std::endl;
  for (const auto& p : r.plugins())
    if (p.status == plugins::PluginStatus::refused)
      std::cerr << "aihost:   refused: " << p.refusal(r.file()) << std::endl;
}

int serve(const Args& args) {
  if (!args.positional().empty())
    throw UsageError("unexpected argument '" + args.positional()[0] + "'");

  // First of all, so that no thread can take a SIGHUP (see block_signals).
  // Signals sent during start-up wait for the sigwait below.
  const sigset_t signals = block_signals({SIGHUP, SIGINT, SIGTERM});
  const auto loaded = load_process_settings(args);
  if (!loaded) return kExitFailure;
  const settings::Settings& config = *loaded;

  api::ServerOptions options;
  try {
    options = api::parse_listen(
        args.value("listen").value_or(config.listen.to_string()));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }

  // The store comes up (and its schema up to date) before any request can
  // reach it; a store that cannot be opened stops the start.
  std::unique_ptr<storage::Database> database;
  try {
    database = open_database(config);
    auto applied = storage::migrate(*database);
    std::cerr << "aihost: store " << database->redacted_url() << ": "
              << applied.size() << " migration(s) applied" << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "aihost: cannot open the store: " << e.what() << std::endl;
    return kExitFailure;
  }

  plugins::RegistryHolder registry(
      args.value("registry").value_or(config.registry_path));
  log_registry(registry.reload(), "registry");

  std::unique_ptr<app::Services> services;
  try {
    app::ServicesOptions service_options;
    service_options.workers = config.limits.workers;
    if (config.limits.max_concurrent_jobs > 0)
      service_options.worker_tenant_limit = config.limits.max_concurrent_jobs;
    services = std::make_unique<app::Services>(config, *database, registry,
                                               service_options);
  } catch (const std::exception& e) {
    std::cerr << "aihost: cannot start: " << e.what() << std::endl;
    return kExitFailure;
  }
  options.limits.upload_bytes =
      static_cast<size_t>(config.limits.max_upload_bytes);
  api::ApiServer server(options, services->app_context());
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "aihost: cannot listen on " << options.host << ":"
              << options.port << ": " << e.what() << std::endl;
    return kExitFailure;
  }
  services->start_workers();
  std::cout << "listening on http://" << options.host << ":" << server.port()
            << std::endl;

  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      log_registry(registry.reload(), "reload");
      continue;
    }
    std::cerr << "aihost: " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
              << ", stopping" << std::endl;
    // New requests stop first; then jobs in flight get the grace period to
    // finish before they are released to other workers.
    server.stop();
    services->stop(std::chrono::seconds(20));
    return kExitOk;
  }
}

}  // namespace

int serve_command(int argc, char** argv) {
  try {
    Args args(argc, argv, 2,
              {{"listen", true},
               {"registry", true},
               {"env-file", true},
               {"help", false}});
    if (args.has("help")) {
      std::fputs(kHelp, stdout);
      return kExitOk;
    }
    return serve(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "aihost serve: %s\n\n%s", e.what(), kHelp);
    return kExitUsage;
  }
}

}  // namespace aihost::cli
