#include "security/key_rotation.hpp"

#include "security/security_error.hpp"

namespace aihost::security {

RotationReport rotate_keys(const KeyCipher& cipher,
                           const std::vector<StoredKey>& rows,
                           const WriteRotated& write) {
  RotationReport report;
  for (const auto& row : rows) {
    std::optional<std::string> fresh;
    try {
      fresh = cipher.rotate(row.ciphertext);
    } catch (const SecurityError& e) {
      report.failed.push_back({row.row_id, e.code()});
      continue;
    }
    if (!fresh) {
      ++report.already_current;
      continue;
    }
    write(row.row_id, *fresh);
    ++report.rotated;
  }
  return report;
}

}  // namespace aihost::security
