// The one exception type of the security layer. `code()` is stable and safe
// to show or log; messages never contain key material.
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::security {

class SecurityError : public std::runtime_error {
 public:
  SecurityError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// Stable codes, also used by callers that map them to HTTP or exit codes.
namespace codes {
inline constexpr const char* kMalformedCiphertext = "malformed_ciphertext";
inline constexpr const char* kUnsupportedVersion =
    "unsupported_ciphertext_version";
inline constexpr const char* kUnknownKeyId = "unknown_key_id";
inline constexpr const char* kDecryptFailed = "key_decrypt_failed";
inline constexpr const char* kBadMasterKeys = "bad_encryption_keys";
inline constexpr const char* kInvalidSecret = "invalid_secret";
inline constexpr const char* kCryptoFailure = "crypto_failure";
}  // namespace codes

}  // namespace aihost::security
