// Tenant ids appear in URLs, logs and key prefixes, so they keep to a small
// alphabet: 1-64 of [a-z0-9_-], starting with a letter or digit.
#pragma once

#include <string>
#include <string_view>

namespace aihost::storage {

inline constexpr size_t kMaxTenantIdLength = 64;
inline constexpr size_t kMaxTenantNameLength = 200;

bool valid_tenant_id(std::string_view id);
// An id derived from a display name: "Acme Corp." -> "acme-corp" (may be
// empty or still invalid for names with no letters or digits).
std::string tenant_id_from_name(std::string_view name);

}  // namespace aihost::storage
