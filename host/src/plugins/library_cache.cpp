#include "plugins/library_cache.hpp"

#include "plugins/sha256.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

namespace aihost::plugins {

LibraryCache& LibraryCache::instance() {
  static LibraryCache cache;
  return cache;
}

LibraryCache::~LibraryCache() {
  // The copies stay mapped after unlinking; only the names go.
  if (!copy_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(copy_dir_, ec);
  }
}

std::shared_ptr<PluginLibrary> LibraryCache::obtain(
    const std::filesystem::path& path, std::string_view pinned_sha256) {
  const std::string where = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw LoadError("library", where + ": no such plugin file");
  std::string bytes;
  try {
    bytes = read_file_bytes(path);
  } catch (const std::exception& e) {
    throw LoadError("library", e.what());
  }
  std::string digest = sha256_hex(bytes);
  if (!pinned_sha256.empty()) {
    std::string pinned(pinned_sha256);
    std::transform(pinned.begin(), pinned.end(), pinned.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (pinned != digest)
      throw LoadError("sha256", where + ": sha256 mismatch: file has " +
                                    digest + ", expected " + pinned);
  }

  auto canonical = std::filesystem::weakly_canonical(path, ec);
  const std::string canon = ec ? where : canonical.string();
  std::lock_guard lock(mu_);
  const std::string key = canon + "\n" + digest;
  if (auto found = by_content_.find(key); found != by_content_.end())
    return found->second;

  std::shared_ptr<PluginLibrary> lib;
  if (mapped_paths_.count(canon) == 0) {
    lib = PluginLibrary::open(path, path, digest);
    mapped_paths_[canon] = digest;
  } else {
    lib = PluginLibrary::open(copy_for(path, bytes, digest), path, digest);
  }
  by_content_[key] = lib;
  return lib;
}

std::filesystem::path LibraryCache::copy_for(const std::filesystem::path& path,
                                             const std::string& bytes,
                                             const std::string& sha256) {
  if (copy_dir_.empty()) {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "aihost-plugins-XXXXXX")
            .string();
    if (!mkdtemp(tmpl.data()))
      throw LoadError("library", path.string() +
                                     ": cannot create a folder for a "
                                     "content-addressed copy");
    copy_dir_ = tmpl;
  }
  // The bytes written are the bytes whose digest was checked, so a file
  // swapped after hashing cannot slip in.
  auto copy = copy_dir_ / (sha256 + "-" + path.filename().string());
  std::ofstream out(copy, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out)
    throw LoadError("library",
                    path.string() + ": cannot write " + copy.string());
  return copy;
}

}  // namespace aihost::plugins
