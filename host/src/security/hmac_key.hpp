// An HMAC-SHA256 key made ready once. OpenSSL's one-shot HMAC() fetches the
// algorithm and derives the key's inner and outer pads on every call; a
// caller on the request path with a fixed key (the tenant key pepper) pays
// for that once here and only hashes its data per call.
#pragma once

#include <string>
#include <string_view>

typedef struct evp_mac_ctx_st EVP_MAC_CTX;

namespace aihost::security {

class HmacKey {
 public:
  // Throws SecurityError(crypto_failure) if OpenSSL cannot set it up.
  explicit HmacKey(std::string_view key);
  ~HmacKey();
  HmacKey(const HmacKey&) = delete;
  HmacKey& operator=(const HmacKey&) = delete;

  // The 32 raw bytes of HMAC-SHA256(key, data); safe to call from any
  // number of threads at once (each call works on its own copy).
  std::string sign(std::string_view data) const;

 private:
  EVP_MAC_CTX* ready_ = nullptr;  // keyed, never updated: copied per call
};

}  // namespace aihost::security
