#include "plugins/sha256.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace aihost::plugins {

std::string sha256_hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), bytes.size());
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw std::runtime_error(path.string() + ": read failed");
  return std::move(buffer).str();
}

}  // namespace aihost::plugins
