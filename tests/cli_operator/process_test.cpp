// The operator commands as a process: settings from the environment, the
// provider key from real stdin, exit codes as a script sees them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "operator_fixture.hpp"

using namespace aihost;

namespace {

struct Ran {
  int exit;
  std::string out, err;
};

Ran run_driver(testing::OperatorWorld& w, const std::string& args,
               const std::string& stdin_file = "/dev/null") {
  for (const auto& [k, v] : w.env) setenv(k.c_str(), v.c_str(), 1);
  std::string out = w.dir + "/out.txt", err = w.dir + "/err.txt";
  std::string cmd = std::string(AIHOST_BINARY_DIR) +
                    "/tests/cli_operator/aihost_operator_driver " + args +
                    " < '" + stdin_file + "' > '" + out + "' 2> '" + err + "'";
  int status = std::system(cmd.c_str());
  for (const auto& [k, v] : w.env) unsetenv(k.c_str());
  auto slurp = [](const std::string& p) {
    std::ifstream f(p);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

}  // namespace

TEST_CASE("the commands run as a process with the key on stdin") {
  testing::OperatorWorld w(storage::Engine::kSqlite);
  const std::string key = "sk-process-PLAINTEXT-0123abcd";
  auto key_file = w.write_file("key.txt", key + "\n");
  CHECK(run_driver(w, "migrate").exit == 0);
  CHECK(run_driver(w, "tenants create Acme --slug acme").exit == 0);
  auto set = run_driver(w, "config set acme llm variant --api-key-stdin --json",
                        key_file);
  INFO(set.err);
  REQUIRE(set.exit == 0);
  CHECK(nlohmann::json::parse(set.out)["api_key"] == "sk-…abcd");
  auto listed = run_driver(w, "config list acme");
  CHECK(listed.exit == 0);
  CHECK(listed.out.find("sk-…abcd") != std::string::npos);
  CHECK((set.out + set.err + listed.out + listed.err).find("PLAINTEXT") ==
        std::string::npos);
  CHECK(w.stored_bytes().find("PLAINTEXT") == std::string::npos);
  CHECK(run_driver(w, "tenants deactivate nobody").exit == 1);
  CHECK(run_driver(w, "keys").exit == 2);
}
