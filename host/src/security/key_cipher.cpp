#include "security/key_cipher.hpp"

#include "security/base64.hpp"
#include "security/random_bytes.hpp"
#include "security/security_error.hpp"

#include <openssl/evp.h>

#include <memory>

namespace aihost::security {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

struct CtxDeleter {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

Ctx new_ctx() {
  Ctx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw SecurityError(codes::kCryptoFailure, "cipher setup failed");
  return ctx;
}

const unsigned char* u8(const char* p) {
  return reinterpret_cast<const unsigned char*>(p);
}
unsigned char* u8(char* p) { return reinterpret_cast<unsigned char*>(p); }

void check(int rc, const char* what) {
  if (rc != 1)
    throw SecurityError(codes::kCryptoFailure,
                        std::string("AES-256-GCM ") + what + " failed");
}

struct Parsed {
  std::string_view key_id;
  std::string_view aad;  // "v1:<key_id>"
  // nonce | ciphertext | tag; kept in the optional base64_decode returns
  // (GCC 12 misreads a move of a short string out of an optional as a read
  // past its end), and never empty once parse() returns.
  std::optional<std::string> blob;
};

Parsed parse(std::string_view text) {
  size_t first = text.find(':');
  if (first == std::string_view::npos)
    throw SecurityError(codes::kMalformedCiphertext,
                        "encrypted key is not in the form v1:<key_id>:<data>");
  if (text.substr(0, first) != kVersion)
    throw SecurityError(codes::kUnsupportedVersion,
                        "encrypted key has an unsupported format version");
  size_t second = text.find(':', first + 1);
  if (second == std::string_view::npos)
    throw SecurityError(codes::kMalformedCiphertext,
                        "encrypted key is not in the form v1:<key_id>:<data>");
  Parsed p{text.substr(first + 1, second - first - 1), text.substr(0, second),
           std::nullopt};
  if (!valid_key_id(p.key_id))
    throw SecurityError(codes::kMalformedCiphertext,
                        "encrypted key has an invalid key id");
  p.blob = base64_decode(text.substr(second + 1));
  if (!p.blob)
    throw SecurityError(codes::kMalformedCiphertext,
                        "encrypted key data is not valid base64");
  if (p.blob->size() < kNonceBytes + 1 + kTagBytes)
    throw SecurityError(codes::kMalformedCiphertext,
                        "encrypted key data is too short");
  return p;
}

}  // namespace

std::string ciphertext_key_id(std::string_view ciphertext) {
  return std::string(parse(ciphertext).key_id);
}

std::string KeyCipher::encrypt(std::string_view plaintext) const {
  if (plaintext.empty() || plaintext.size() > kMaxSecretBytes)
    throw SecurityError(codes::kInvalidSecret,
                        "a provider key must be 1 to 4096 bytes");
  const MasterKey& key = ring_.current();
  std::string aad = std::string(kVersion) + ":" + key.id;

  std::string blob(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  random_bytes(blob.data(), kNonceBytes);

  Ctx ctx = new_ctx();
  int len = 0;
  check(EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr,
                           nullptr),
        "init");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes,
                            nullptr),
        "nonce length");
  check(EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr,
                           u8(key.bytes.reveal().data()), u8(blob.data())),
        "key setup");
  check(EVP_EncryptUpdate(ctx.get(), nullptr, &len, u8(aad.data()),
                          static_cast<int>(aad.size())),
        "aad");
  char* body = blob.data() + kNonceBytes;
  check(EVP_EncryptUpdate(ctx.get(), u8(body), &len, u8(plaintext.data()),
                          static_cast<int>(plaintext.size())),
        "encrypt");
  int tail = 0;
  check(EVP_EncryptFinal_ex(ctx.get(), u8(body + len), &tail), "finish");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                            body + plaintext.size()),
        "tag");
  return aad + ":" + base64_encode(blob);
}

Secret KeyCipher::decrypt(std::string_view ciphertext) const {
  Parsed p = parse(ciphertext);
  const MasterKey* key = ring_.find(p.key_id);
  if (!key)
    throw SecurityError(codes::kUnknownKeyId,
                        "encrypted key uses master key id '" +
                            std::string(p.key_id) +
                            "', which is not in AI_ENCRYPTION_KEYS");

  const std::string& blob = *p.blob;
  const char* nonce = blob.data();
  const char* body = nonce + kNonceBytes;
  size_t body_len = blob.size() - kNonceBytes - kTagBytes;
  std::string tag(blob, blob.size() - kTagBytes);

  std::string plain(body_len, '\0');
  Ctx ctx = new_ctx();
  int len = 0;
  check(EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr,
                           nullptr),
        "init");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes,
                            nullptr),
        "nonce length");
  check(EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr,
                           u8(key->bytes.reveal().data()), u8(nonce)),
        "key setup");
  check(EVP_DecryptUpdate(ctx.get(), nullptr, &len, u8(p.aad.data()),
                          static_cast<int>(p.aad.size())),
        "aad");
  check(EVP_DecryptUpdate(ctx.get(), u8(plain.data()), &len, u8(body),
                          static_cast<int>(body_len)),
        "decrypt");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                            tag.data()),
        "tag");
  int tail = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), u8(plain.data() + len), &tail) != 1) {
    // Unauthenticated output must never leave this function.
    wipe(plain);
    throw SecurityError(codes::kDecryptFailed,
                        "encrypted key failed authentication (wrong master "
                        "key or tampered data)");
  }
  return Secret(std::move(plain));
}

std::optional<std::string> KeyCipher::rotate(
    std::string_view ciphertext) const {
  if (!needs_rotation(ciphertext)) {
    decrypt(ciphertext);  // still authenticate: report bad rows
    return std::nullopt;
  }
  Secret plain = decrypt(ciphertext);
  return encrypt(plain.reveal());
}

bool KeyCipher::needs_rotation(std::string_view ciphertext) const {
  return parse(ciphertext).key_id != ring_.current().id;
}

}  // namespace aihost::security
