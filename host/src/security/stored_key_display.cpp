#include "security/stored_key_display.hpp"

#include "security/key_mask.hpp"
#include "security/security_error.hpp"

#include <algorithm>
#include <cctype>

namespace aihost::security {

std::string stored_key_display(const KeyCipher* cipher,
                               const std::optional<std::string>& ciphertext) {
  if (!ciphertext || ciphertext->empty()) return "";
  if (!cipher) return "(encrypted; AI_ENCRYPTION_KEYS not set)";
  try {
    return mask_key(cipher->decrypt(*ciphertext).reveal());
  } catch (const SecurityError& e) {
    return "(undecryptable: " + e.code() + ")";
  }
}

bool names_secret(std::string_view field) {
  std::string lower(field);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return lower.find("key") != std::string::npos ||
         lower.find("secret") != std::string::npos ||
         lower.find("token") != std::string::npos ||
         lower.find("password") != std::string::npos;
}

}  // namespace aihost::security
