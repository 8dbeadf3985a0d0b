// The configuration cascade. For a tenant and a capability, with an optional
// provider override, each field is taken from the first level that gives it:
//
//   1. the tenant's active tenant_ai_configs row for the capability (with an
//      override, only when that row is for the overriding provider);
//   2. the service settings: AI_DEFAULT_<CAP>_PROVIDER / _MODEL and
//      AI_<PROVIDER>_API_KEY;
//   3. the registry entry: defaults.models[capability], upstream and config.
//
// Refusals (RoutingError codes): tenant_not_found, tenant_inactive,
// unknown_capability, feature_disabled (globally by AI_FEATURE_* or for the
// tenant), provider_not_configured, provider_unavailable (not in the
// registry, refused, disabled, or without the capability),
// provider_key_missing (a provider with an upstream and no key at any
// level), key_decrypt_failed (detail: the security layer's code).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "plugins/registry.hpp"
#include "routing/capability.hpp"
#include "routing/resolution_memo.hpp"
#include "routing/resolved_provider.hpp"
#include "routing/tenant_config_store.hpp"
#include "security/key_cipher.hpp"
#include "settings/settings.hpp"

namespace aihost::routing {

struct RouteRequest {
  std::string tenant_id;
  std::string capability;  // "llm.chat" | "audio.transcribe" | "pii.redact"
  std::optional<std::string> provider;  // override
  // The product feature the call serves when the capability alone does not
  // say (an llm.chat for "summary", "sentiment" or "coaching").
  std::optional<std::string> feature;
};

using RegistrySource =
    std::function<std::shared_ptr<const plugins::Registry>()>;

class ConfigResolver {
 public:
  ConfigResolver(TenantConfigStore& store,
                 std::shared_ptr<const settings::Settings> settings,
                 RegistrySource registry);

  // Remembers each success for as long as the tenant's snapshot and the
  // registry snapshot it came from are current (see resolution_memo.hpp).
  ResolvedProvider resolve(const RouteRequest& request) const;
  // Answers remembered now (for tests).
  size_t remembered() const { return memo_.size(); }

 private:
  ResolvedProvider resolve_with(
      const RouteRequest& request, const CapabilityInfo& capability,
      const TenantSnapshot& tenant,
      std::shared_ptr<const plugins::Registry> registry) const;
  security::Secret decrypt(const std::string& ciphertext,
                           const RouteRequest& request,
                           const std::string& provider) const;

  TenantConfigStore& store_;
  std::shared_ptr<const settings::Settings> settings_;
  RegistrySource registry_;
  std::optional<security::KeyCipher> cipher_;  // none without master keys
  mutable ResolutionMemo memo_;
};

// sha256 hex of the JSON's canonical dump (keys are ordered by nlohmann).
std::string config_hash(const nlohmann::json& config);

}  // namespace aihost::routing
