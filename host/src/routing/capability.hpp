// The capabilities a tenant can be routed for, and how each one is named in
// the tables and settings that configure it: the registry speaks operation
// ids ("llm.chat"), tenant_ai_configs.provider_type and the AI_DEFAULT_*
// variables speak product areas ("llm", "transcription", "pii").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "settings/settings.hpp"
#include "storage/tenant_feature_repository.hpp"

namespace aihost::routing {

struct CapabilityInfo {
  std::string_view capability;     // registry operation id
  std::string_view provider_type;  // tenant_ai_configs.provider_type
};

// nullopt for anything that is not a routed capability.
std::optional<CapabilityInfo> find_capability(std::string_view capability);
// Accepts either form ("llm.chat" or "llm") and returns the capability id.
std::optional<std::string> normalise_capability(std::string_view name);
const std::vector<CapabilityInfo>& all_capabilities();

// Product features that gate a capability: transcription gates
// audio.transcribe, pii gates pii.redact, and the LLM tasks (summary,
// sentiment, coaching) gate llm.chat when the caller names the task.
bool known_feature(std::string_view feature);
// The feature a call needs: the task named by the caller, else the one the
// capability implies (none for an untasked llm.chat).
std::optional<std::string> feature_for(std::string_view capability,
                                       const std::optional<std::string>& task);
bool feature_enabled_globally(const settings::GlobalFeatures& global,
                              std::string_view feature);
bool feature_enabled_for_tenant(const storage::TenantFeatures& tenant,
                                std::string_view feature);

// The service-level default provider and model for the capability.
std::pair<std::string, std::string> service_default(
    const settings::DefaultProviders& defaults, std::string_view capability);

}  // namespace aihost::routing
