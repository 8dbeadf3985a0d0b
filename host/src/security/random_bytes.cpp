#include "security/random_bytes.hpp"

#include "security/security_error.hpp"

#include <openssl/rand.h>

#include <climits>

namespace aihost::security {

void random_bytes(void* out, size_t size) {
  if (size > INT_MAX ||
      RAND_bytes(static_cast<unsigned char*>(out), static_cast<int>(size)) != 1)
    throw SecurityError(codes::kCryptoFailure,
                        "the random number generator failed");
}

std::string random_bytes(size_t size) {
  std::string out(size, '\0');
  random_bytes(out.data(), size);
  return out;
}

}  // namespace aihost::security
