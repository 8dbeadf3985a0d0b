// SHA-256 digests for pinning plugin files (registry field `sha256`).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace aihost::plugins {

// Lowercase hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Reads a whole file; throws std::runtime_error naming the file on failure.
std::string read_file_bytes(const std::filesystem::path& path);

}  // namespace aihost::plugins
