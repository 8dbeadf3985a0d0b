// Runs operator commands in-process against a fresh database on one engine,
// keeping every byte they print so tests can search it for secrets.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/operator_commands.hpp"
#include "test_databases.hpp"

namespace aihost::testing {

struct CommandResult {
  int exit = 0;
  std::string out;
  std::string err;
  nlohmann::json json() const;  // `out` parsed
};

class OperatorWorld {
 public:
  explicit OperatorWorld(storage::Engine engine);
  ~OperatorWorld();

  CommandResult run(int (*command)(const cli::OperatorArgs&, cli::OperatorIo&),
                    const cli::OperatorArgs& args,
                    const std::string& stdin_text = "");
  // Every byte of output of every command run so far.
  const std::string& transcript() const { return transcript_; }
  // SQLite: the database file with its journal files; PostgreSQL: a text
  // dump of every table the commands write.
  std::string stored_bytes();
  std::string write_file(const std::string& name, const std::string& text);

  std::unique_ptr<TestDatabase> db;
  settings::Environment env;
  std::string dir;

 private:
  std::string transcript_;
};

}  // namespace aihost::testing
