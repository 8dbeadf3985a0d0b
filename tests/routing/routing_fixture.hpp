// A migrated database, a registry of built test plugins and service settings
// for exercising the cascade on one engine.
//
// The registry holds: c-echo (llm.chat, upstream, default model
// "echo-default"), variant (llm.chat, no upstream, default model
// "variant-default", config label "from-registry"), deepgram
// (audio.transcribe, upstream, default model "nova-3"), local-pii
// (pii.redact, no upstream), plus "ghost" (refused: library missing) and
// "sleepy" (disabled).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "plugins/registry_holder.hpp"
#include "routing/config_resolver.hpp"
#include "routing/provider_factory.hpp"
#include "routing/tenant_config_store.hpp"
#include "settings/settings.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "test_databases.hpp"

namespace aihost::testing {

class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name,
                              const std::string& text) const;

 private:
  std::filesystem::path path_;
};

std::string routing_registry_text(const std::string& variant_label);

struct RoutingWorld {
  explicit RoutingWorld(
      storage::Engine engine, settings::Environment extra_env = {},
      std::chrono::milliseconds cache_age = std::chrono::minutes(10));

  void add_tenant(const std::string& id);
  // Stores an active row for the tenant, the key encrypted with the ring.
  int64_t set_config(const std::string& tenant, const std::string& type,
                     const std::string& provider, const std::string& model,
                     const std::optional<std::string>& key,
                     const std::string& config_json = "{}");
  routing::ResolvedProvider resolve(
      const std::string& tenant, const std::string& capability,
      std::optional<std::string> provider = std::nullopt,
      std::optional<std::string> feature = std::nullopt);

  std::unique_ptr<TestDatabase> db;
  ScratchDir dir;
  std::filesystem::path registry_file;
  std::unique_ptr<plugins::RegistryHolder> registry;
  std::shared_ptr<const settings::Settings> settings;
  std::unique_ptr<routing::TenantConfigStore> store;
  std::unique_ptr<routing::ConfigResolver> resolver;
  routing::ProviderFactory factory;
};

}  // namespace aihost::testing
