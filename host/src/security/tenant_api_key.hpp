// Tenant API keys: "aih_<public id>_<secret>". The public id is stored in
// clear and used to find the key's row; only a hash of the secret is stored
// ("h1:" + hex HMAC-SHA256 keyed by the server's pepper, AI_API_KEY_PEPPER),
// so a leaked table does not yield usable keys. The full key is shown once,
// when issued.
#pragma once

#include "security/hmac_key.hpp"
#include "security/secret.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace aihost::security {

inline constexpr size_t kTenantKeyPublicIdLength = 16;  // base32 of 10 bytes
inline constexpr size_t kTenantKeySecretLength = 52;    // base32 of 32 bytes

struct IssuedTenantKey {
  Secret key;             // the whole key, to hand to the tenant once
  std::string public_id;  // stored, indexed
  std::string hash;       // stored
  std::string display;    // "aih_<public id>_…", safe to list
};

struct ParsedTenantKey {
  std::string public_id;
  Secret secret;
};

IssuedTenantKey issue_tenant_key(std::string_view pepper);

// nullopt for anything not shaped exactly like an issued key.
std::optional<ParsedTenantKey> parse_tenant_key(std::string_view presented);

std::string hash_tenant_key_secret(std::string_view secret,
                                   std::string_view pepper);
// The same, with the pepper made ready once (the request path's form).
std::string hash_tenant_key_secret(std::string_view secret,
                                   const HmacKey& pepper);

// True when `presented` is a well-formed key whose secret hashes to
// `stored_hash`. The caller found `stored_hash` by the key's public id.
bool verify_tenant_key(std::string_view presented, std::string_view stored_hash,
                       std::string_view pepper);

}  // namespace aihost::security
