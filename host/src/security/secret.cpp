#include "security/secret.hpp"

#include <openssl/crypto.h>

namespace aihost::security {

void wipe(void* data, size_t size) {
  if (data && size) OPENSSL_cleanse(data, size);
}

void wipe(std::string& s) {
  // Wipe the whole buffer, not just the live characters, then shrink.
  if (s.capacity()) wipe(s.data(), s.capacity());
  s.clear();
}

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    wipe(value_);
    value_ = other.value_;
  }
  return *this;
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe(value_);
    value_ = std::move(other.value_);
    wipe(other.value_);
  }
  return *this;
}

}  // namespace aihost::security
