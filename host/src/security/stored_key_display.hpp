// How a stored (encrypted) provider key is shown to an operator: masked
// ("sk-…wxyz") when it can be decrypted, otherwise a note saying why not.
// Never the plaintext, never the ciphertext.
#pragma once

#include "security/key_cipher.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace aihost::security {

// "" when there is no key; `cipher` may be null (no master keys set).
std::string stored_key_display(const KeyCipher* cipher,
                               const std::optional<std::string>& ciphertext);

// Whether an instance-config field name looks like it carries a secret
// ("api_key", "token", "client_secret"): keys travel per call, encrypted
// at rest, never in plugin configuration.
bool names_secret(std::string_view field);

}  // namespace aihost::security
