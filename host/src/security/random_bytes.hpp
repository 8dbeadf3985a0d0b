// Bytes from the operating system's CSPRNG (through OpenSSL's DRBG).
#pragma once

#include <cstddef>
#include <string>

namespace aihost::security {

// Throws SecurityError(crypto_failure) if the generator cannot be read.
void random_bytes(void* out, size_t size);
std::string random_bytes(size_t size);

}  // namespace aihost::security
