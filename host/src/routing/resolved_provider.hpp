// The outcome of the configuration cascade for one tenant and capability:
// which provider, which model, which key and which instance configuration,
// and where each came from, for diagnostics.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "plugins/registry.hpp"
#include "security/secret.hpp"

namespace aihost::routing {

// kOverride: the caller named the provider for this one request.
enum class Source { kTenant, kService, kRegistry, kOverride, kNone };

const char* source_name(Source source);

struct ResolvedProvider {
  std::string tenant_id;
  std::string capability;
  std::string provider;
  std::string model;         // empty when nothing names one (e.g. local-pii)
  security::Secret api_key;  // empty when the provider needs none
  // Registry upstream base_url and config, then the tenant's config_json,
  // then the model: what ProviderInstance is created from. Holds no secret.
  nlohmann::json instance_config = nlohmann::json::object();
  // sha256 of instance_config's canonical text: the instance cache key.
  std::string config_hash;
  Source provider_source = Source::kNone;
  Source model_source = Source::kNone;
  Source key_source = Source::kNone;
  Source config_source = Source::kRegistry;
  int64_t tenant_config_id = 0;  // the tenant_ai_configs row used, or 0
  // The registry snapshot the entry was found in; keeps it alive while used.
  std::shared_ptr<const plugins::Registry> registry;
  const plugins::PluginEntry* entry = nullptr;  // owned by `registry`

  // Everything above for logs and the admin API, the key only masked.
  nlohmann::json describe() const;
};

}  // namespace aihost::routing
