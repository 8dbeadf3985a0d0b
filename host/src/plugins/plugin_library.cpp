#include "plugins/plugin_library.hpp"

#include "plugins/host_services.hpp"
#include "plugins/library_cache.hpp"

#include <boost/dll/shared_library.hpp>

#include <cstring>
#include <mutex>

namespace aihost::plugins {

struct PluginLibrary::Handle {
  boost::dll::shared_library lib;
};

namespace {
// Libraries are never unmapped (rule 12): a reload loads the new file beside
// the old, and code or data of the old one may still be in use.
void pin(std::shared_ptr<void> handle) {
  static auto* pinned = new std::vector<std::shared_ptr<void>>();
  static std::mutex mu;
  std::lock_guard lock(mu);
  pinned->push_back(std::move(handle));
}
}  // namespace

std::shared_ptr<PluginLibrary> PluginLibrary::load(
    const std::filesystem::path& path, std::string_view pinned_sha256) {
  return LibraryCache::instance().obtain(path, pinned_sha256);
}

std::shared_ptr<PluginLibrary> PluginLibrary::open(
    const std::filesystem::path& file, const std::filesystem::path& asked,
    std::string sha256) {
  const std::string where = asked.string();
  auto handle = std::make_shared<Handle>();
  std::error_code ec;  // BOOST_DLL_USE_STD_FS makes Boost.DLL report std codes
  // rtld_local keeps each plugin's symbols to itself; rtld_now surfaces a
  // missing dependency at load rather than at first call.
  handle->lib.load(
      boost::dll::fs::path(file.string()),
      boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) throw LoadError("library", where + ": cannot load: " + ec.message());
  if (!handle->lib.has(AIHOST_PLUGIN_ENTRY))
    throw LoadError("library", where + ": entry symbol '" AIHOST_PLUGIN_ENTRY
                                       "' not found");

  auto entry =
      handle->lib.get<const aihost_plugin_descriptor*()>(AIHOST_PLUGIN_ENTRY);
  const aihost_plugin_descriptor* d = entry();
  if (!d) throw LoadError("library", where + ": entry returned no descriptor");
  if (d->abi_major != AIHOST_ABI_MAJOR)
    throw LoadError("abi", where + ": plugin ABI major " +
                               std::to_string(d->abi_major) +
                               " differs from host ABI major " +
                               std::to_string(AIHOST_ABI_MAJOR));
  if (d->abi_minor > AIHOST_ABI_MINOR)
    throw LoadError("abi", where + ": plugin ABI minor " +
                               std::to_string(d->abi_minor) +
                               " is newer than host ABI minor " +
                               std::to_string(AIHOST_ABI_MINOR));
  if (d->struct_size < sizeof(aihost_plugin_descriptor))
    throw LoadError("abi",
                    where + ": descriptor struct_size " +
                        std::to_string(d->struct_size) +
                        " is smaller than ABI 1.0 requires (" +
                        std::to_string(sizeof(aihost_plugin_descriptor)) + ")");
  if (!d->id || !*d->id || !d->init || !d->instance_create ||
      !d->instance_destroy || !d->invoke)
    throw LoadError("library", where + ": descriptor lacks id or functions");

  pin(handle);
  aihost_status st = d->init(host_services());
  if (st != AIHOST_OK)
    throw LoadError("library", where + ": plugin init failed with status " +
                                   std::to_string(st));

  auto lib = std::shared_ptr<PluginLibrary>(new PluginLibrary());
  lib->handle_ = std::move(handle);
  lib->descriptor_ = d;
  lib->path_ = asked;
  lib->mapped_path_ = file;
  lib->sha256_ = std::move(sha256);
  return lib;
}

std::vector<std::string> PluginLibrary::capabilities() const {
  std::vector<std::string> out;
  for (auto c = descriptor_->capabilities; c && *c; ++c) out.emplace_back(*c);
  return out;
}

bool PluginLibrary::offers(std::string_view operation) const {
  for (auto c = descriptor_->capabilities; c && *c; ++c)
    if (operation == *c) return true;
  return false;
}

const void* PluginLibrary::extension(const char* id) const {
  return descriptor_->get_extension ? descriptor_->get_extension(id) : nullptr;
}

}  // namespace aihost::plugins
