#include "security/tenant_api_key.hpp"

#include "security/constant_time.hpp"
#include "security/digest.hpp"
#include "security/random_bytes.hpp"

#include <cstdint>

namespace aihost::security {
namespace {

constexpr std::string_view kPrefix = "aih_";
constexpr std::string_view kHashScheme = "h1:";
constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";

// RFC 4648 base32, lower case, no padding: safe in URLs, headers and shells
// and free of '_' so the key splits unambiguously.
std::string base32(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

bool is_base32(std::string_view s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) return false;
  return true;
}

}  // namespace

std::string hash_tenant_key_secret(std::string_view secret,
                                   std::string_view pepper) {
  return hash_tenant_key_secret(secret, HmacKey(pepper));
}

std::string hash_tenant_key_secret(std::string_view secret,
                                   const HmacKey& pepper) {
  return std::string(kHashScheme) + to_hex(pepper.sign(secret));
}

IssuedTenantKey issue_tenant_key(std::string_view pepper) {
  std::string id_bytes = random_bytes(10);
  std::string secret_bytes = random_bytes(32);
  IssuedTenantKey out;
  out.public_id = base32(id_bytes);
  Secret secret(base32(secret_bytes));
  wipe(secret_bytes);
  out.hash = hash_tenant_key_secret(secret.reveal(), pepper);
  out.key =
      Secret(std::string(kPrefix) + out.public_id + "_" + secret.reveal());
  out.display = std::string(kPrefix) + out.public_id + "_\xE2\x80\xA6";
  return out;
}

std::optional<ParsedTenantKey> parse_tenant_key(std::string_view presented) {
  constexpr size_t kLength =
      kPrefix.size() + kTenantKeyPublicIdLength + 1 + kTenantKeySecretLength;
  if (presented.size() != kLength || presented.substr(0, 4) != kPrefix)
    return std::nullopt;
  std::string_view id =
      presented.substr(kPrefix.size(), kTenantKeyPublicIdLength);
  size_t sep = kPrefix.size() + kTenantKeyPublicIdLength;
  std::string_view secret = presented.substr(sep + 1);
  if (presented[sep] != '_' || !is_base32(id) || !is_base32(secret))
    return std::nullopt;
  return ParsedTenantKey{std::string(id), Secret(std::string(secret))};
}

bool verify_tenant_key(std::string_view presented, std::string_view stored_hash,
                       std::string_view pepper) {
  auto parsed = parse_tenant_key(presented);
  // A malformed key still costs one hash, so its rejection takes about as
  // long as a wrong secret's.
  std::string computed = hash_tenant_key_secret(
      parsed ? std::string_view(parsed->secret.reveal()) : presented, pepper);
  bool equal = constant_time_equal_bytes(computed, stored_hash);
  return parsed.has_value() && equal;
}

}  // namespace aihost::security
