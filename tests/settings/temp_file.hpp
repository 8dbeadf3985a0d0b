// A uniquely named file under the system temp directory, removed on scope
// exit.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace aihost::testing {

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("aihost-settings-" + std::to_string(rd()) + ".env");
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace aihost::testing
