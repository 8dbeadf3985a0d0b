#include "security/key_mask.hpp"

namespace aihost::security {
namespace {

constexpr const char* kEllipsis = "\xE2\x80\xA6";  // U+2026
constexpr size_t kShownTail = 4;
constexpr size_t kMaxPrefix = 4;  // "sk-", "dg-", "gsk-"

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

}  // namespace

std::string mask_key(std::string_view key) {
  if (key.size() < kMinMaskableLength) return std::string(kEllipsis);
  // A vendor prefix ends at the first '-' and is letters or digits only;
  // anything else could be part of the secret.
  std::string prefix;
  size_t dash = key.find('-');
  if (dash != std::string_view::npos && dash > 0 && dash < kMaxPrefix) {
    bool vendor = true;
    for (size_t i = 0; i < dash; ++i) vendor = vendor && is_alnum(key[i]);
    if (vendor) prefix = std::string(key.substr(0, dash + 1));
  }
  return prefix + kEllipsis + std::string(key.substr(key.size() - kShownTail));
}

}  // namespace aihost::security
