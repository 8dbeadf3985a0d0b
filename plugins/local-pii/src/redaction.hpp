// pii.redact end to end: params in, the normalised Redaction result out.
#pragma once

#include <nlohmann/json.hpp>

namespace aihost::local_pii {

inline constexpr const char* kProviderId = "local-pii";

// Throws sdk::Error for bad params (see redact_params.hpp).
nlohmann::json redact(const nlohmann::json& params);

}  // namespace aihost::local_pii
