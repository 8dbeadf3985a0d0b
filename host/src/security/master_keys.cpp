#include "security/master_keys.hpp"

#include "security/base64.hpp"
#include "security/random_bytes.hpp"
#include "security/security_error.hpp"

namespace aihost::security {
namespace {

constexpr const char* kHint =
    " (expected comma-separated <key_id>:<base64 of 32 bytes>, first is "
    "current; generate one with: echo \"k1:$(openssl rand -base64 32)\")";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

[[noreturn]] void refuse(const std::string& what) {
  throw SecurityError(codes::kBadMasterKeys,
                      "AI_ENCRYPTION_KEYS: " + what + kHint);
}

}  // namespace

bool valid_key_id(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

KeyRing KeyRing::parse(std::string_view spec) {
  std::vector<MasterKey> keys;
  size_t index = 0;
  while (true) {
    ++index;
    size_t comma = spec.find(',');
    std::string_view entry = trim(spec.substr(0, comma));
    std::string where = "entry " + std::to_string(index);
    if (entry.empty()) refuse(where + " is empty");
    size_t colon = entry.find(':');
    if (colon == std::string_view::npos)
      refuse(where + " has no ':' between key id and key");
    std::string_view id = entry.substr(0, colon);
    if (!valid_key_id(id))
      refuse(where + " has an invalid key id (1-32 of A-Z a-z 0-9 _ . -)");
    where += " (key id '" + std::string(id) + "')";
    std::optional<std::string> bytes = base64_decode(entry.substr(colon + 1));
    if (!bytes) refuse(where + " is not valid base64");
    Secret key(std::move(*bytes));
    if (key.size() != kMasterKeyBytes)
      refuse(where + " decodes to " + std::to_string(key.size()) +
             " bytes, not 32");
    for (const auto& k : keys)
      if (k.id == id) refuse(where + " repeats a key id");
    keys.push_back({std::string(id), std::move(key)});
    if (comma == std::string_view::npos) break;
    spec.remove_prefix(comma + 1);
  }
  return KeyRing(std::move(keys));
}

KeyRing::KeyRing(std::vector<MasterKey> keys) : keys_(std::move(keys)) {
  if (keys_.empty()) refuse("no keys given");
  for (const auto& k : keys_) {
    if (!valid_key_id(k.id)) refuse("invalid key id");
    if (k.bytes.size() != kMasterKeyBytes) refuse("a key is not 32 bytes");
  }
}

const MasterKey* KeyRing::find(std::string_view id) const {
  for (const auto& k : keys_)
    if (k.id == id) return &k;
  return nullptr;
}

std::vector<std::string> KeyRing::ids() const {
  std::vector<std::string> out;
  for (const auto& k : keys_) out.push_back(k.id);
  return out;
}

std::string generate_master_key_entry(std::string_view id) {
  if (!valid_key_id(id)) refuse("invalid key id");
  std::string raw = random_bytes(kMasterKeyBytes);
  std::string entry = std::string(id) + ":" + base64_encode(raw);
  wipe(raw);
  return entry;
}

}  // namespace aihost::security
