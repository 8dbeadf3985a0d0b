#include "cli/operator_support.hpp"

#include <filesystem>
#include <iostream>

#include "cli/exit_codes.hpp"
#include "security/security_error.hpp"
#include "settings/settings_error.hpp"
#include "storage/storage_error.hpp"
#include "storage/tenant_repository.hpp"

namespace aihost::cli {
namespace {

bool wants_json(const OperatorArgs& args) {
  for (const auto& a : args)
    if (a == "--json") return true;
  return false;
}

int report(OperatorIo& io, const char* name, bool json, const std::string& code,
           const std::string& message, int exit) {
  io.err << "aihost " << name << ": " << code << ": " << message << "\n";
  if (json)
    io.out << nlohmann::json{{"error", {{"code", code}, {"message", message}}}}
                  .dump(2)
           << "\n";
  return exit;
}

}  // namespace

Args parse_args(const OperatorArgs& args, size_t first,
                std::vector<FlagSpec> flags) {
  flags.push_back({"json", false});
  flags.push_back({"env-file", true});
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return Args(static_cast<int>(args.size()), argv.data(),
              static_cast<int>(first), flags);
}

std::unique_ptr<storage::Database> open_database(
    const settings::Settings& settings) {
  std::string url;
  if (settings.database.engine == settings::DatabaseUrl::Engine::kPostgres) {
    url = settings.database.url;
  } else {
    url = settings.database.sqlite_path;
    auto parent = std::filesystem::path(url).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  return storage::Database::open(url, {4, 10000, 10000});
}

storage::Database& OperatorContext::database() {
  if (!db) db = open_database(settings);
  return *db;
}

OperatorContext load_context(const Args& args, OperatorIo& io) {
  OperatorContext ctx;
  auto loaded = settings::load_settings(io.env, args.value("env-file"));
  for (const auto& warning : loaded.warnings)
    io.err << "aihost: warning: " << warning << "\n";
  ctx.settings = std::move(loaded.settings);
  ctx.json = args.has("json");
  return ctx;
}

int guarded_command(const char* name, const OperatorArgs& args, OperatorIo& io,
                    const std::function<int()>& body) {
  bool json = wants_json(args);
  try {
    return body();
  } catch (const UsageError& e) {
    return report(io, name, json, "usage", e.what(), kExitUsage);
  } catch (const OperatorError& e) {
    return report(io, name, json, e.code(), e.what(),
                  e.code() == "usage" ? kExitUsage : kExitFailure);
  } catch (const settings::SettingsError& e) {
    return report(io, name, json, settings::SettingsError::kCode, e.what(),
                  kExitFailure);
  } catch (const storage::StorageError& e) {
    return report(io, name, json, e.code(), e.what(), kExitFailure);
  } catch (const security::SecurityError& e) {
    return report(io, name, json, e.code(), e.what(), kExitFailure);
  } catch (const std::exception& e) {
    return report(io, name, json, "internal", e.what(), kExitFailure);
  }
}

void expect_positionals(const Args& args, size_t count, const char* usage) {
  if (args.positional().size() != count)
    throw UsageError(std::string("usage: ") + usage);
}

void print_json(OperatorIo& io, const nlohmann::json& value) {
  io.out << value.dump(2) << "\n";
}

void require_tenant(storage::Database& db, const std::string& tenant_id) {
  storage::Connection c = db.connect();
  if (!storage::TenantRepository(c).find(tenant_id))
    throw OperatorError("tenant_not_found",
                        "tenant '" + tenant_id + "' does not exist");
}

int operator_main(int (*command)(const OperatorArgs&, OperatorIo&), int argc,
                  char** argv) {
  OperatorArgs args(argv + 2, argv + argc);
  OperatorIo io{std::cin, std::cout, std::cerr,
                settings::process_environment()};
  return command(args, io);
}

}  // namespace aihost::cli
