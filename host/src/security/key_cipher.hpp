// Encryption at rest of provider API keys: AES-256-GCM with a random 96-bit
// nonce and a 128-bit tag, in a self-describing text form
//
//   v1:<key_id>:<base64(nonce | ciphertext | tag)>
//
// "v1:<key_id>" is the additional authenticated data, so a ciphertext cannot
// be relabelled with another key id without failing authentication.
#pragma once

#include "security/master_keys.hpp"
#include "security/secret.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace aihost::security {

inline constexpr size_t kMaxSecretBytes = 4096;

class KeyCipher {
 public:
  explicit KeyCipher(KeyRing ring) : ring_(std::move(ring)) {}

  // Encrypts with the current master key. An empty or oversized secret is
  // refused (invalid_secret).
  std::string encrypt(std::string_view plaintext) const;

  // Throws SecurityError: malformed_ciphertext, unsupported_ciphertext_version,
  // unknown_key_id or key_decrypt_failed (wrong key, tampered bytes or tag).
  Secret decrypt(std::string_view ciphertext) const;

  // Re-encrypts under the current key; nullopt when the ciphertext already
  // uses it, so a rotation interrupted half way is simply run again.
  // The ciphertext is authenticated first: a bad row is reported, not
  // re-encrypted.
  std::optional<std::string> rotate(std::string_view ciphertext) const;

  bool needs_rotation(std::string_view ciphertext) const;

  const KeyRing& ring() const { return ring_; }

 private:
  KeyRing ring_;
};

// The key id written in a ciphertext, without decrypting it.
// Throws SecurityError(malformed_ciphertext / unsupported_ciphertext_version).
std::string ciphertext_key_id(std::string_view ciphertext);

}  // namespace aihost::security
