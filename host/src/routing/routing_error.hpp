// The one exception type of the routing layer. `code()` is stable and safe to
// show callers (it maps to an HTTP status or an exit code); the message names
// the tenant, capability and provider involved but never a key.
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::routing {

namespace codes {
inline constexpr const char* kFeatureDisabled = "feature_disabled";
inline constexpr const char* kProviderNotConfigured = "provider_not_configured";
inline constexpr const char* kProviderUnavailable = "provider_unavailable";
inline constexpr const char* kProviderKeyMissing = "provider_key_missing";
inline constexpr const char* kKeyDecryptFailed = "key_decrypt_failed";
inline constexpr const char* kTenantNotFound = "tenant_not_found";
inline constexpr const char* kTenantInactive = "tenant_inactive";
inline constexpr const char* kUnknownCapability = "unknown_capability";
inline constexpr const char* kInstanceRefused = "provider_instance_refused";
inline constexpr const char* kConfigInvalid = "provider_config_invalid";
}  // namespace codes

class RoutingError : public std::runtime_error {
 public:
  RoutingError(std::string code, const std::string& message,
               std::string detail = {})
      : std::runtime_error(message),
        code_(std::move(code)),
        detail_(std::move(detail)) {}
  const std::string& code() const noexcept { return code_; }
  // A lower layer's code when it caused the refusal (e.g. the security
  // layer's "unknown_key_id" under key_decrypt_failed), else empty.
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string code_;
  std::string detail_;
};

}  // namespace aihost::routing
