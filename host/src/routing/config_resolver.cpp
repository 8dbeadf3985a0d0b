#include "routing/config_resolver.hpp"

#include <algorithm>

#include "plugins/sha256.hpp"
#include "routing/capability.hpp"
#include "routing/routing_error.hpp"
#include "security/security_error.hpp"

namespace aihost::routing {
namespace {

std::string who(const RouteRequest& r) {
  return "tenant '" + r.tenant_id + "', capability '" + r.capability + "'";
}

void check_feature(const RouteRequest& request, const TenantSnapshot& tenant,
                   const settings::Settings& settings) {
  auto feature = feature_for(request.capability, request.feature);
  if (!feature) return;
  if (!known_feature(*feature))
    throw RoutingError(codes::kFeatureDisabled,
                       who(request) + ": unknown feature '" + *feature + "'");
  if (!feature_enabled_globally(settings.features, *feature))
    throw RoutingError(codes::kFeatureDisabled,
                       who(request) + ": feature '" + *feature +
                           "' is disabled for the service (AI_FEATURE_*)");
  if (!feature_enabled_for_tenant(tenant.effective_features(), *feature))
    throw RoutingError(codes::kFeatureDisabled,
                       who(request) + ": feature '" + *feature +
                           "' is disabled for the tenant");
}

const plugins::PluginEntry& usable_entry(const plugins::Registry& registry,
                                         const RouteRequest& request,
                                         const std::string& provider) {
  const auto* entry = registry.find(provider);
  std::string prefix = who(request) + ": provider '" + provider + "' ";
  if (!entry)
    throw RoutingError(codes::kProviderUnavailable,
                       prefix + "is not in the plugin registry");
  if (entry->status == plugins::PluginStatus::disabled)
    throw RoutingError(codes::kProviderUnavailable,
                       prefix + "is disabled in the plugin registry");
  if (entry->status != plugins::PluginStatus::loaded)
    throw RoutingError(
        codes::kProviderUnavailable,
        prefix + "was refused by the plugin registry: " + entry->reason);
  const auto& caps = entry->spec.capabilities;
  if (std::find(caps.begin(), caps.end(), request.capability) == caps.end())
    throw RoutingError(codes::kProviderUnavailable,
                       prefix + "does not offer this capability");
  return *entry;
}

}  // namespace

std::string config_hash(const nlohmann::json& config) {
  return plugins::sha256_hex(config.dump());
}

ConfigResolver::ConfigResolver(
    TenantConfigStore& store,
    std::shared_ptr<const settings::Settings> settings, RegistrySource registry)
    : store_(store),
      settings_(std::move(settings)),
      registry_(std::move(registry)) {
  if (settings_->encryption_keys) cipher_.emplace(*settings_->encryption_keys);
}

security::Secret ConfigResolver::decrypt(const std::string& ciphertext,
                                         const RouteRequest& request,
                                         const std::string& provider) const {
  std::string prefix =
      who(request) + ": the stored key for provider '" + provider + "' ";
  if (!cipher_)
    throw RoutingError(codes::kKeyDecryptFailed,
                       prefix +
                           "cannot be decrypted: AI_ENCRYPTION_KEYS is "
                           "not set",
                       security::codes::kBadMasterKeys);
  try {
    return cipher_->decrypt(ciphertext);
  } catch (const security::SecurityError& e) {
    throw RoutingError(codes::kKeyDecryptFailed,
                       prefix + "cannot be decrypted (" + e.code() + ")",
                       e.code());
  }
}

ResolvedProvider ConfigResolver::resolve(const RouteRequest& request) const {
  auto capability = find_capability(request.capability);
  if (!capability)
    throw RoutingError(codes::kUnknownCapability,
                       "unknown capability '" + request.capability +
                           "' (llm.chat, audio.transcribe, pii.redact)");
  auto tenant = store_.get(request.tenant_id);
  auto registry = registry_ ? registry_() : nullptr;
  std::string key = request.tenant_id;
  for (const std::string* part :
       {&request.capability, request.provider ? &*request.provider : nullptr,
        request.feature ? &*request.feature : nullptr}) {
    key += '\n';  // absent and empty differ: "\n" vs "\n-"
    if (part) key.append("-").append(*part);
  }
  if (auto known = memo_.find(key, tenant.get(), registry.get()))
    return std::move(*known);
  auto out = resolve_with(request, *capability, *tenant, std::move(registry));
  memo_.remember(key, std::move(tenant), out);
  return out;
}

ResolvedProvider ConfigResolver::resolve_with(
    const RouteRequest& request, const CapabilityInfo& capability_info,
    const TenantSnapshot& snapshot,
    std::shared_ptr<const plugins::Registry> registry) const {
  const CapabilityInfo* capability = &capability_info;
  const TenantSnapshot* tenant = &snapshot;
  if (!tenant->exists)
    throw RoutingError(codes::kTenantNotFound,
                       "tenant '" + request.tenant_id + "' does not exist");
  if (!tenant->active)
    throw RoutingError(codes::kTenantInactive,
                       "tenant '" + request.tenant_id + "' is deactivated");
  const settings::Settings& settings = *settings_;
  check_feature(request, *tenant, settings);

  ResolvedProvider out;
  out.tenant_id = request.tenant_id;
  out.capability = request.capability;

  // Level 1: the tenant's row, unless an override names another provider.
  const storage::TenantAiConfig* row =
      tenant->active_config(std::string(capability->provider_type));
  if (row && request.provider && row->provider_name != *request.provider)
    row = nullptr;
  auto [service_provider, service_model] =
      service_default(settings.defaults, request.capability);

  if (request.provider) {
    out.provider = *request.provider;
    out.provider_source = Source::kOverride;
  } else if (row) {
    out.provider = row->provider_name;
    out.provider_source = Source::kTenant;
  } else if (!service_provider.empty()) {
    out.provider = service_provider;
    out.provider_source = Source::kService;
  } else {
    throw RoutingError(codes::kProviderNotConfigured,
                       who(request) +
                           ": no provider configured for the tenant or the "
                           "service");
  }

  out.registry = std::move(registry);
  if (!out.registry)
    throw RoutingError(codes::kProviderUnavailable,
                       who(request) + ": no plugin registry is loaded");
  // The service default always names a provider (settings give one); when
  // this deployment's registry has no such entry, nothing is configured for
  // the capability, which differs from a configured provider that is down.
  if (out.provider_source == Source::kService &&
      !out.registry->find(out.provider))
    throw RoutingError(codes::kProviderNotConfigured,
                       who(request) +
                           ": no provider configured for the "
                           "tenant, and the service default '" +
                           out.provider + "' is not in the plugin registry");
  const auto& entry = usable_entry(*out.registry, request, out.provider);
  out.entry = &entry;

  // Model: tenant row, service default (only for the service's provider),
  // registry default for the capability.
  if (row && !row->model.empty()) {
    out.model = row->model;
    out.model_source = Source::kTenant;
  } else if (!service_model.empty() && service_provider == out.provider) {
    out.model = service_model;
    out.model_source = Source::kService;
  } else if (entry.spec.models.contains(request.capability)) {
    out.model = entry.spec.models[request.capability].get<std::string>();
    out.model_source = Source::kRegistry;
  }

  // Key: the tenant's (decrypted) key, else the service's.
  if (row && row->api_key_ciphertext && !row->api_key_ciphertext->empty()) {
    out.api_key = decrypt(*row->api_key_ciphertext, request, out.provider);
    out.key_source = Source::kTenant;
  } else if (const auto* key = settings.service_key(out.provider)) {
    out.api_key = *key;
    out.key_source = Source::kService;
  }
  // A provider reached over the network authenticates; one without an
  // upstream (local-pii) runs in process and needs no key.
  if (out.api_key.empty() && !entry.spec.base_url.empty())
    throw RoutingError(codes::kProviderKeyMissing,
                       who(request) + ": provider '" + out.provider +
                           "' needs an API key and none is configured for "
                           "the tenant or the service");

  out.instance_config = entry.instance_config(request.capability);
  if (row) {
    nlohmann::json tenant_config;
    try {
      tenant_config = nlohmann::json::parse(row->config_json);
    } catch (const nlohmann::json::exception&) {
      throw RoutingError(codes::kConfigInvalid,
                         who(request) +
                             ": the tenant's config_json for "
                             "provider '" +
                             out.provider + "' is not valid JSON");
    }
    if (!tenant_config.is_object())
      throw RoutingError(codes::kConfigInvalid,
                         who(request) +
                             ": the tenant's config_json for "
                             "provider '" +
                             out.provider + "' is not a JSON object");
    if (!tenant_config.empty()) {
      out.instance_config.merge_patch(tenant_config);
      out.config_source = Source::kTenant;
    }
    out.tenant_config_id = row->id;
  }
  if (!out.model.empty()) out.instance_config["model"] = out.model;
  out.config_hash = config_hash(out.instance_config);
  return out;
}

}  // namespace aihost::routing
