#include "plugins/registry.hpp"

#include <map>

namespace aihost::plugins {
namespace {

std::string host_abi() {
  return std::to_string(AIHOST_ABI_MAJOR) + "." +
         std::to_string(AIHOST_ABI_MINOR);
}

void refuse(PluginEntry& entry, std::string field, std::string reason) {
  entry.status = PluginStatus::refused;
  entry.field = std::move(field);
  entry.reason = std::move(reason);
}

// Everything after parsing: ABI promise, path, digest, load, descriptor.
void load_entry(PluginEntry& entry, const std::filesystem::path& registry_dir,
                const EnvLookup& env) {
  const PluginSpec& spec = entry.spec;
  if (spec.abi_major != AIHOST_ABI_MAJOR || spec.abi_minor > AIHOST_ABI_MINOR)
    return refuse(entry, "abi",
                  "entry is written for ABI " + spec.abi +
                      ", host speaks ABI " + host_abi());
  std::filesystem::path path;
  try {
    path = expand_env(spec.library, env);
  } catch (const std::invalid_argument& e) {
    return refuse(entry, "library", e.what());
  }
  if (path.is_relative()) path = registry_dir / path;
  entry.library_path = path.lexically_normal();
  if (!spec.base_url.empty()) {
    try {
      entry.spec.base_url = expand_env(spec.base_url, env);
    } catch (const std::invalid_argument& e) {
      return refuse(entry, "upstream.base_url", e.what());
    }
  }

  // CA files are paths like the library: ${VAR}, relative to the registry.
  for (auto* ca :
       {&entry.spec.upstream.ca_location, &entry.spec.upstream.extra_ca_file}) {
    if (ca->empty()) continue;
    try {
      std::filesystem::path resolved = expand_env(*ca, env);
      if (resolved.is_relative()) resolved = registry_dir / resolved;
      *ca = resolved.lexically_normal().string();
      std::error_code ec;
      if (!std::filesystem::exists(*ca, ec))
        throw std::invalid_argument(*ca + ": no such file or folder");
    } catch (const std::invalid_argument& e) {
      return refuse(entry,
                    ca == &entry.spec.upstream.ca_location
                        ? "upstream.ca_location"
                        : "upstream.extra_ca_file",
                    e.what());
    }
  }

  std::shared_ptr<PluginLibrary> lib;
  try {
    lib = PluginLibrary::load(entry.library_path, spec.sha256);
  } catch (const LoadError& e) {
    return refuse(entry, e.field, e.what());
  } catch (const std::exception& e) {
    return refuse(entry, "library", e.what());
  }
  if (lib->id() != spec.id)
    return refuse(entry, "id",
                  "the library at " + entry.library_path.string() +
                      " is plugin '" + lib->id() + "'");
  for (const auto& cap : spec.capabilities)
    if (!lib->offers(cap)) {
      std::string offered;
      for (const auto& c : lib->capabilities())
        offered += (offered.empty() ? "" : ", ") + c;
      return refuse(entry, "capabilities",
                    "plugin does not offer '" + cap + "' (it offers: " +
                        (offered.empty() ? "nothing" : offered) + ")");
    }
  entry.library = std::move(lib);
  entry.egress = std::make_shared<const net::Egress>(spec.upstream);
  entry.status = PluginStatus::loaded;
}

}  // namespace

const char* to_string(PluginStatus status) {
  switch (status) {
    case PluginStatus::loaded:
      return "loaded";
    case PluginStatus::refused:
      return "refused";
    case PluginStatus::disabled:
      return "disabled";
  }
  return "refused";
}

std::string PluginEntry::refusal(const std::filesystem::path& file) const {
  if (status != PluginStatus::refused) return {};
  std::string out = file.string();
  if (spec.line) {
    out += ':';
    out += std::to_string(spec.line);
  }
  out += ": plugin '" + spec.id + "': field '" + field + "': " + reason;
  return out;
}

nlohmann::json PluginEntry::instance_config(
    const std::string& operation) const {
  auto config = nlohmann::json::object();
  if (!spec.base_url.empty()) config["base_url"] = spec.base_url;
  if (spec.models.contains(operation)) config["model"] = spec.models[operation];
  config.merge_patch(spec.config);
  return config;
}

std::shared_ptr<const Registry> Registry::load(
    const std::filesystem::path& path, const EnvLookup& env) {
  RegistryFile file = parse_registry(path);
  auto registry = std::shared_ptr<Registry>(new Registry());
  registry->file_ = path;
  registry->loaded_at_ = std::chrono::system_clock::now();
  std::map<std::string, int> first_line;
  const auto dir =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  for (auto& spec : file.plugins) {
    PluginEntry entry;
    entry.spec = std::move(spec);
    if (entry.spec.problem) {
      refuse(entry, entry.spec.problem->field, entry.spec.problem->reason);
    } else if (auto [it, fresh] =
                   first_line.emplace(entry.spec.id, entry.spec.line);
               !fresh) {
      refuse(entry, "id",
             std::string("duplicate id, first defined at line ")
                 .append(std::to_string(it->second)));
    } else if (!entry.spec.enabled) {
      entry.status = PluginStatus::disabled;
    } else {
      load_entry(entry, dir, env);
    }
    registry->plugins_.push_back(std::move(entry));
  }
  return registry;
}

const PluginEntry* Registry::find(const std::string& id) const {
  for (const auto& p : plugins_)
    if (p.id() == id) return &p;
  return nullptr;
}

size_t Registry::enabled_refused() const {
  size_t n = 0;
  for (const auto& p : plugins_)
    n += p.status == PluginStatus::refused && p.spec.enabled;
  return n;
}

size_t Registry::loaded_count() const {
  size_t n = 0;
  for (const auto& p : plugins_) n += p.status == PluginStatus::loaded;
  return n;
}

nlohmann::json Registry::describe() const {
  auto out = nlohmann::json::array();
  for (const auto& p : plugins_) {
    nlohmann::json item = {
        {"id", p.id()},
        {"status", to_string(p.status)},
        {"enabled", p.spec.enabled},
        {"abi", p.library ? p.library->abi() : p.spec.abi},
        {"version", p.library ? nlohmann::json(p.library->version())
                              : nlohmann::json(nullptr)},
        {"capabilities", p.spec.capabilities},
        {"library",
         p.library_path.empty() ? p.spec.library : p.library_path.string()},
    };
    if (p.library) item["sha256"] = p.library->sha256();
    if (p.status == PluginStatus::refused) {
      item["field"] = p.field;
      item["reason"] = p.refusal(file_);
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace aihost::plugins
