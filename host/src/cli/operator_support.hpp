// What the operator commands share: flag parsing over a vector of
// arguments, the settings and database they open, and one way to report a
// failure with a stable code.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/operator_commands.hpp"
#include "storage/database.hpp"

namespace aihost::cli {

// A refusal with a stable code ("tenant_not_found", "usage", ...).
class OperatorError : public std::runtime_error {
 public:
  OperatorError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// Args over `args[first..]`; --json and --env-file are always accepted.
Args parse_args(const OperatorArgs& args, size_t first,
                std::vector<FlagSpec> flags);

// Opens the store the settings name, creating the folder of a SQLite file.
std::unique_ptr<storage::Database> open_database(
    const settings::Settings& settings);

struct OperatorContext {
  settings::Settings settings;
  std::unique_ptr<storage::Database> db;  // opened by open_database()
  bool json = false;

  storage::Database& database();
};

OperatorContext load_context(const Args& args, OperatorIo& io);

// Runs `body`, turning every error into a message, a code and an exit code:
// usage problems 2, everything else 1. `name` is the command for messages.
int guarded_command(const char* name, const OperatorArgs& args, OperatorIo& io,
                    const std::function<int()>& body);

// Exactly `count` positionals after the sub-command, else a usage error.
void expect_positionals(const Args& args, size_t count, const char* usage);

void print_json(OperatorIo& io, const nlohmann::json& value);

// Refuses the tenant unless it exists (tenant_not_found).
void require_tenant(storage::Database& db, const std::string& tenant_id);

}  // namespace aihost::cli
