// What a tenant's features and limits may be set to, and the one document
// that shows them, shared by the operator commands and the admin API so
// both accept and show exactly the same thing.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "storage/tenant_feature_repository.hpp"

namespace aihost::governance {

inline constexpr int kMaxAudioSecondsLimit = 86400;
inline constexpr int kMaxConcurrentJobsLimit = 10000;

// The product features a tenant can switch, as named in the document.
inline constexpr const char* kFeatureToggles[] = {
    "transcription", "pii", "summary", "sentiment", "coaching"};

// The flag of a feature by its document name ("pii" -> pii_redaction_enabled);
// nullptr for an unknown name.
bool* feature_toggle(storage::TenantFeatures& features, std::string_view name);

// Upper-case Presidio-style entity names: PERSON, EMAIL_ADDRESS, ...
bool valid_pii_entity(std::string_view name);

// The features document; `stored` says whether the tenant has a row or
// runs on the defaults.
nlohmann::json features_json(const storage::TenantFeatures& features,
                             bool stored);

}  // namespace aihost::governance
