// The master keys that encrypt provider API keys, parsed from
// AI_ENCRYPTION_KEYS: comma-separated "<key_id>:<base64 of 32 bytes>", the
// first being the current key (used for new ciphertexts), the others kept
// so that older ciphertexts still decrypt until they are rotated.
#pragma once

#include "security/secret.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace aihost::security {

inline constexpr size_t kMasterKeyBytes = 32;

struct MasterKey {
  std::string id;  // [A-Za-z0-9_.-]{1,32}
  Secret bytes;    // exactly kMasterKeyBytes
};

class KeyRing {
 public:
  // Throws SecurityError(bad_encryption_keys) naming the entry that is wrong
  // and how to generate a key; the key material is never echoed.
  static KeyRing parse(std::string_view spec);
  // For tests and tools: a ring from already-decoded keys.
  explicit KeyRing(std::vector<MasterKey> keys);

  const MasterKey& current() const { return keys_.front(); }
  // nullptr when the id is not in the ring.
  const MasterKey* find(std::string_view id) const;
  std::vector<std::string> ids() const;
  size_t size() const { return keys_.size(); }

 private:
  std::vector<MasterKey> keys_;
};

bool valid_key_id(std::string_view id);

// A fresh entry for AI_ENCRYPTION_KEYS: "<id>:<base64 32 random bytes>".
std::string generate_master_key_entry(std::string_view id);

}  // namespace aihost::security
