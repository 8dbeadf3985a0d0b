#include "operator_fixture.hpp"

#include <Poco/Data/RecordSet.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "security/master_keys.hpp"

namespace aihost::testing {

nlohmann::json CommandResult::json() const {
  INFO(out);
  return nlohmann::json::parse(out);
}

OperatorWorld::OperatorWorld(storage::Engine engine)
    : db(open_test_database(engine)) {
  std::random_device rd;
  dir = (std::filesystem::temp_directory_path() /
         ("aihost-op-" + std::to_string(rd()) + std::to_string(rd())))
            .string();
  std::filesystem::create_directories(dir);
  env = {
      {"AI_DATABASE_URL",
       engine == storage::Engine::kSqlite ? "sqlite:" + db->file() : db->url()},
      {"AI_ENCRYPTION_KEYS", security::generate_master_key_entry("k1")},
      {"AI_API_KEY_PEPPER", "pepper-for-operator-tests-0123"}};
}

OperatorWorld::~OperatorWorld() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

CommandResult OperatorWorld::run(int (*command)(const cli::OperatorArgs&,
                                                cli::OperatorIo&),
                                 const cli::OperatorArgs& args,
                                 const std::string& stdin_text) {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  cli::OperatorIo io{in, out, err, env};
  CommandResult r;
  r.exit = command(args, io);
  r.out = out.str();
  r.err = err.str();
  transcript_ += r.out + r.err;
  return r;
}

std::string OperatorWorld::stored_bytes() {
  std::string bytes;
  if (db->engine() == storage::Engine::kSqlite) {
    for (const char* suffix : {"", "-wal", "-journal", "-shm"}) {
      std::ifstream f(db->file() + suffix, std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(f), {});
    }
    return bytes;
  }
  storage::Connection c = db->db().connect();
  for (const char* table : {"tenants", "tenant_api_keys", "tenant_ai_configs",
                            "tenant_ai_features"}) {
    Poco::Data::Statement select(c.session());
    select << "SELECT CAST(t AS TEXT) FROM " << table << " t";
    select.execute();
    Poco::Data::RecordSet rs(select);
    for (size_t i = 0; i < rs.rowCount(); ++i)
      bytes += rs.value(0, i).convert<std::string>() + "\n";
  }
  return bytes;
}

std::string OperatorWorld::write_file(const std::string& name,
                                      const std::string& text) {
  auto path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace aihost::testing
