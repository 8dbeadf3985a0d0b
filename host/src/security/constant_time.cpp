#include "security/constant_time.hpp"

#include "security/digest.hpp"

#include <openssl/crypto.h>

namespace aihost::security {

bool constant_time_equal_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool constant_time_equal(std::string_view presented,
                         std::string_view expected) {
  return constant_time_equal_bytes(sha256(presented), sha256(expected));
}

}  // namespace aihost::security
