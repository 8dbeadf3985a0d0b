#include "security/hmac_key.hpp"

#include "security/security_error.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

namespace aihost::security {
namespace {

struct MacFree {
  void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
  void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

[[noreturn]] void fail() {
  throw SecurityError(codes::kCryptoFailure, "HMAC-SHA256 failed");
}

}  // namespace

HmacKey::HmacKey(std::string_view key) {
  std::unique_ptr<EVP_MAC, MacFree> mac(
      EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) fail();
  std::unique_ptr<EVP_MAC_CTX, MacFree> ctx(EVP_MAC_CTX_new(mac.get()));
  if (!ctx) fail();
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end()};
  // HMAC with an empty key is well defined; OpenSSL wants a non-null pointer.
  static const unsigned char kEmpty = 0;
  const auto* k = key.empty()
                      ? &kEmpty
                      : reinterpret_cast<const unsigned char*>(key.data());
  if (EVP_MAC_init(ctx.get(), k, key.size(), params) != 1) fail();
  ready_ = ctx.release();
}

HmacKey::~HmacKey() { EVP_MAC_CTX_free(ready_); }

std::string HmacKey::sign(std::string_view data) const {
  std::unique_ptr<EVP_MAC_CTX, MacFree> ctx(EVP_MAC_CTX_dup(ready_));
  std::string out(32, '\0');
  size_t len = 0;
  if (!ctx ||
      EVP_MAC_update(ctx.get(),
                     reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()),
                    &len, out.size()) != 1 ||
      len != 32)
    fail();
  return out;
}

}  // namespace aihost::security
