#include "temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace aihost::testing {

TempDir::TempDir() {
  std::string tmpl =
      (std::filesystem::temp_directory_path() / "aihost-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name,
                                     const std::string& text) const {
  auto file = path_ / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
  return file;
}

std::filesystem::path TempDir::install(const std::filesystem::path& from,
                                       const std::string& name) const {
  auto staged = path_ / (name + ".staged");
  std::filesystem::copy_file(from, staged,
                             std::filesystem::copy_options::overwrite_existing);
  auto target = path_ / name;
  std::filesystem::rename(staged, target);
  return target;
}

std::filesystem::path built_plugin(const std::string& file) {
  return std::filesystem::path(AIHOST_PLUGIN_DIR) / file;
}

}  // namespace aihost::testing
