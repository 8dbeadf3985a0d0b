// A scratch folder per test, removed afterwards, for registry files and
// copies of plugin libraries.
#pragma once

#include <filesystem>
#include <string>

namespace aihost::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to `name` inside the folder and returns its path.
  std::filesystem::path write(const std::string& name,
                              const std::string& text) const;
  // Copies `from` to `name` by writing a new file and renaming it over the
  // old one, the way a deployment replaces a library that may be mapped.
  std::filesystem::path install(const std::filesystem::path& from,
                                const std::string& name) const;

 private:
  std::filesystem::path path_;
};

// The built plugin library `file` (e.g. "test-reg-good.so").
std::filesystem::path built_plugin(const std::string& file);

}  // namespace aihost::testing
