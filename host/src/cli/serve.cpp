// aihost serve: the HTTP server until SIGINT or SIGTERM; SIGHUP reloads the
// plugin registry.
#include "api/server.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/operator_support.hpp"
#include "plugins/registry_holder.hpp"
#include "security/tenant_api_key.hpp"
#include "settings/settings.hpp"
#include "settings/settings_error.hpp"
#include "storage/migrations.hpp"
#include "storage/tenant_api_key_repository.hpp"

#include <pthread.h>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace aihost::cli {
namespace {

constexpr const char* kHelp =
    "usage: aihost serve [--listen HOST:PORT] [--registry FILE] "
    "[--env-file FILE]\n"
    "\n"
    "Runs the HTTP server. Routes: GET /healthz, GET /readyz, GET "
    "/v1/plugins.\n"
    "SIGHUP reloads the registry (a broken registry is refused and the one in\n"
    "use stays); SIGINT and SIGTERM stop after requests in progress finish.\n"
    "\n"
    "  --listen HOST:PORT  default $AI_LISTEN or 127.0.0.1:8080; port 0 picks\n"
    "                      a free port\n"
    "  --registry FILE     default: $AIHOST_REGISTRY or config/providers.yaml\n"
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

  settings::LoadResult loaded;
  try {
    loaded = settings::load_settings(settings::process_environment(),
                                     args.value("env-file"));
  } catch (const settings::SettingsError& e) {
    std::cerr << "aihost: " << e.what() << std::endl;
    return kExitFailure;
  }
  for (const auto& warning : loaded.warnings)
    std::cerr << "aihost: warning: " << warning << std::endl;
  const settings::Settings& config = loaded.settings;

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

  // Blocked before any thread starts, so every thread inherits the mask and
  // the signals are taken only by sigwait below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  plugins::RegistryHolder registry(
      args.value("registry").value_or(default_registry()));
  log_registry(registry.reload(), "registry");

  api::AppContext app(registry);
  app.database = database.get();
  app.settings = &config;
  app.tenant_keys = [&](std::string_view key) -> std::optional<std::string> {
    auto parsed = security::parse_tenant_key(key);
    if (!parsed) return std::nullopt;
    auto conn = database->connect();
    auto row = storage::TenantApiKeyRepository(conn).find_active_by_hash(
        security::hash_tenant_key_secret(parsed->secret.reveal(),
                                         config.api_key_pepper.reveal()));
    if (!row) return std::nullopt;
    return row->tenant_id;
  };
  options.limits.upload_bytes =
      static_cast<size_t>(config.limits.max_upload_bytes);
  api::ApiServer server(options, std::move(app));
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "aihost: cannot listen on " << options.host << ":"
              << options.port << ": " << e.what() << std::endl;
    return kExitFailure;
  }
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
    server.stop();
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
