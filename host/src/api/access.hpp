// Who may call a route. The router authenticates before the handler runs,
// so a handler never sees a request its access level does not admit.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace aihost::api {

enum class Access {
  kPublic,  // health and discovery documents
  kTenant,  // a tenant API key as the bearer token; sees only its tenant
  kAdmin,   // the operator's AI_ADMIN_TOKEN; tenant keys are refused
};

// Finds the active tenant a bearer key belongs to (none: unknown, revoked,
// or the tenant is inactive).
using TenantKeyLookup =
    std::function<std::optional<std::string>(std::string_view key)>;

}  // namespace aihost::api
