#include "gateway/refusals.hpp"

#include <map>
#include <utility>

namespace aihost::gateway {

GatewayError refusal_from(const routing::RoutingError& e) {
  namespace c = routing::codes;
  static const std::map<std::string, std::pair<std::string, int>> kTable = {
      {c::kTenantNotFound, {"tenant_inactive", 403}},
      {c::kTenantInactive, {"tenant_inactive", 403}},
      {c::kFeatureDisabled, {"feature_disabled", 403}},
      {c::kUnknownCapability, {"invalid_request", 400}},
      {c::kProviderNotConfigured, {"provider_not_configured", 422}},
      {c::kProviderKeyMissing, {"provider_key_missing", 422}},
      {c::kInstanceRefused, {"provider_config_invalid", 422}},
      {c::kConfigInvalid, {"provider_config_invalid", 422}},
      {c::kProviderUnavailable, {"provider_unavailable", 503}},
      {c::kKeyDecryptFailed, {"key_decrypt_failed", 500}},
  };
  auto it = kTable.find(e.code());
  if (it == kTable.end())
    return GatewayError("provider_unavailable", 503, e.what());
  // An unknown tenant is answered like an inactive one, without its name
  // being confirmed or denied.
  if (e.code() == c::kTenantNotFound)
    return GatewayError(it->second.first, it->second.second,
                        "the tenant is not active");
  return GatewayError(it->second.first, it->second.second, e.what());
}

GatewayError refusal_from(const governance::GovernanceError& e) {
  if (e.code() == "budget.exceeded")
    return GatewayError("budget_exceeded", 402, e.what());
  return GatewayError("invalid_request", 400, e.what());
}

GatewayError refusal_from(const storage::StorageError& e) {
  return GatewayError(
      "storage_unavailable", 503,
      std::string("the store could not be reached: ") + e.what());
}

}  // namespace aihost::gateway
