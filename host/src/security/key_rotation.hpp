// Re-encryption of stored provider keys under the current master key, for
// `aihost keys rotate`. The storage layer reads a batch of rows, calls
// rotate_keys inside a transaction whose `write` updates each row, and
// commits; rows already under the current key are skipped, so an interrupted
// rotation is resumed by running it again.
#pragma once

#include "security/key_cipher.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace aihost::security {

struct StoredKey {
  std::string row_id;
  std::string ciphertext;
};

struct RotationFailure {
  std::string row_id;
  std::string code;  // unknown_key_id, key_decrypt_failed, ...
};

struct RotationReport {
  size_t rotated = 0;
  size_t already_current = 0;
  std::vector<RotationFailure> failed;  // left untouched, reported
};

using WriteRotated = std::function<void(const std::string& row_id,
                                        const std::string& new_ciphertext)>;

// A row that cannot be decrypted is reported and never rewritten. An
// exception from `write` propagates, so the caller's transaction rolls back.
RotationReport rotate_keys(const KeyCipher& cipher,
                           const std::vector<StoredKey>& rows,
                           const WriteRotated& write);

}  // namespace aihost::security
