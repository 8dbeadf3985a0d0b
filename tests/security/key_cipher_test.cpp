// Provider keys encrypted at rest: round trip, rotation between master keys,
// and every kind of damage refused with its own stable code.
#include "security/key_cipher.hpp"
#include "security/base64.hpp"
#include "security/security_error.hpp"
#include "test_keys.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace aihost::security;
using aihost::testing::master_entry;

namespace {

const std::string kProviderKey = "sk-proj-Zq81xTbe04LmYw7uPrvA2nHsKdE9fGcJ";

std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SecurityError& e) {
    return e.code();
  }
  return "no error";
}

// Splits "v1:<id>:<b64>" and rebuilds it with the blob modified.
std::string with_blob(const std::string& ct,
                      const std::function<void(std::string&)>& edit) {
  size_t second = ct.find(':', 3);
  std::string blob = *base64_decode(ct.substr(second + 1));
  edit(blob);
  return ct.substr(0, second + 1) + base64_encode(blob);
}

}  // namespace

TEST_CASE("a provider key round-trips and never appears in the ciphertext",
          "[security][cipher]") {
  KeyCipher cipher(KeyRing::parse(master_entry("k1", 'a')));
  std::string ct = cipher.encrypt(kProviderKey);
  CHECK(ct.rfind("v1:k1:", 0) == 0);
  CHECK(ct.find(kProviderKey) == std::string::npos);
  CHECK(ct.find("Zq81xTbe") == std::string::npos);
  CHECK(ciphertext_key_id(ct) == "k1");
  CHECK(cipher.decrypt(ct).reveal() == kProviderKey);
  // nonce(12) + body + tag(16)
  CHECK(base64_decode(ct.substr(6))->size() == 12 + kProviderKey.size() + 16);
}

TEST_CASE("every encryption uses a fresh nonce", "[security][cipher]") {
  KeyCipher cipher(KeyRing::parse(master_entry("k1", 'a')));
  std::set<std::string> seen;
  for (int i = 0; i < 64; ++i) seen.insert(cipher.encrypt(kProviderKey));
  CHECK(seen.size() == 64);
}

TEST_CASE("empty and oversized secrets are refused", "[security][cipher]") {
  KeyCipher cipher(KeyRing::parse(master_entry("k1", 'a')));
  CHECK(code_of([&] { cipher.encrypt(""); }) == codes::kInvalidSecret);
  CHECK(code_of([&] { cipher.encrypt(std::string(4097, 'x')); }) ==
        codes::kInvalidSecret);
  CHECK(cipher.decrypt(cipher.encrypt(std::string(4096, 'x'))).size() == 4096);
}

TEST_CASE("rotation across two master keys", "[security][cipher][rotate]") {
  KeyCipher before(KeyRing::parse(master_entry("k1", 'a')));
  std::string old_ct = before.encrypt(kProviderKey);

  // k2 becomes current, k1 is kept for what is still encrypted with it.
  KeyCipher after(
      KeyRing::parse(master_entry("k2", 'b') + "," + master_entry("k1", 'a')));
  CHECK(after.decrypt(old_ct).reveal() == kProviderKey);
  CHECK(after.needs_rotation(old_ct));

  auto rotated = after.rotate(old_ct);
  REQUIRE(rotated);
  CHECK(ciphertext_key_id(*rotated) == "k2");
  CHECK(after.decrypt(*rotated).reveal() == kProviderKey);
  CHECK_FALSE(after.needs_rotation(*rotated));
  // Running rotation again changes nothing: it resumes where it stopped.
  CHECK_FALSE(after.rotate(*rotated));

  // Once k1 is retired, only the rotated value is readable.
  KeyCipher retired(KeyRing::parse(master_entry("k2", 'b')));
  CHECK(retired.decrypt(*rotated).reveal() == kProviderKey);
  CHECK(code_of([&] { retired.decrypt(old_ct); }) == codes::kUnknownKeyId);
  CHECK(code_of([&] { retired.rotate(old_ct); }) == codes::kUnknownKeyId);
}

TEST_CASE("rotation refuses to re-encrypt a damaged row",
          "[security][cipher][rotate]") {
  KeyCipher old_ring(KeyRing::parse(master_entry("k1", 'a')));
  std::string ct = old_ring.encrypt(kProviderKey);
  std::string bad = with_blob(ct, [](std::string& b) { b[14] ^= 1; });
  KeyCipher ring(
      KeyRing::parse(master_entry("k2", 'b') + "," + master_entry("k1", 'a')));
  CHECK(code_of([&] { ring.rotate(bad); }) == codes::kDecryptFailed);
  // A current-key row is still authenticated, not skipped blindly.
  std::string current_bad =
      with_blob(ring.encrypt(kProviderKey), [](std::string& b) { b[0] ^= 1; });
  CHECK(code_of([&] { ring.rotate(current_bad); }) == codes::kDecryptFailed);
}

TEST_CASE("tampering with any region is detected", "[security][cipher]") {
  KeyCipher cipher(
      KeyRing::parse(master_entry("k1", 'a') + "," + master_entry("k0", 'z')));
  std::string ct = cipher.encrypt(kProviderKey);
  size_t body = 12, tag = 12 + kProviderKey.size();

  SECTION("each byte of nonce, body and tag") {
    size_t total = 12 + kProviderKey.size() + 16;
    for (size_t i = 0; i < total; ++i) {
      std::string bad = with_blob(ct, [i](std::string& b) { b[i] ^= 0x40; });
      INFO("byte " << i << " (tag starts at " << tag << ", body at " << body
                   << ")");
      CHECK(code_of([&] { cipher.decrypt(bad); }) == codes::kDecryptFailed);
    }
  }
  SECTION("truncated tag and appended bytes") {
    CHECK(code_of([&] {
            cipher.decrypt(with_blob(ct, [](std::string& b) { b.pop_back(); }));
          }) == codes::kDecryptFailed);
    CHECK(code_of([&] {
            cipher.decrypt(with_blob(ct, [](std::string& b) { b += 'x'; }));
          }) == codes::kDecryptFailed);
  }
  SECTION("relabelled with another known key id") {
    std::string swapped = "v1:k0:" + ct.substr(6);
    CHECK(code_of([&] { cipher.decrypt(swapped); }) == codes::kDecryptFailed);
  }
  SECTION("relabelled with an unknown key id") {
    std::string unknown = "v1:k9:" + ct.substr(6);
    CHECK(code_of([&] { cipher.decrypt(unknown); }) == codes::kUnknownKeyId);
  }
  SECTION("decrypted with the wrong master key under the same id") {
    KeyCipher other(KeyRing::parse(master_entry("k1", 'c')));
    CHECK(code_of([&] { other.decrypt(ct); }) == codes::kDecryptFailed);
  }
}

TEST_CASE("malformed ciphertexts have their own codes", "[security][cipher]") {
  KeyCipher cipher(KeyRing::parse(master_entry("k1", 'a')));
  std::string ct = cipher.encrypt(kProviderKey);
  std::string data = ct.substr(6);
  CHECK(code_of([&] { cipher.decrypt(""); }) == codes::kMalformedCiphertext);
  // A plaintext key stored by mistake is refused, not passed through.
  CHECK(code_of([&] { cipher.decrypt(kProviderKey); }) ==
        codes::kMalformedCiphertext);
  CHECK(code_of([&] { cipher.decrypt("v2:k1:" + data); }) ==
        codes::kUnsupportedVersion);
  CHECK(code_of([&] { cipher.decrypt("v1:k1"); }) ==
        codes::kMalformedCiphertext);
  CHECK(code_of([&] { cipher.decrypt("v1::" + data); }) ==
        codes::kMalformedCiphertext);
  CHECK(code_of([&] { cipher.decrypt("v1:k1:" + data.substr(1)); }) ==
        codes::kMalformedCiphertext);
  CHECK(code_of([&] { cipher.decrypt("v1:k1:" + data + "\n"); }) ==
        codes::kMalformedCiphertext);
  CHECK(code_of([&] { cipher.decrypt("v1:k1:AAAA"); }) ==
        codes::kMalformedCiphertext);
  CHECK(code_of([&] { cipher.decrypt("v1:k1:!!!!"); }) ==
        codes::kMalformedCiphertext);
}

TEST_CASE("errors never carry the plaintext or the master key",
          "[security][cipher]") {
  std::string entry = master_entry("k1", 'a');
  KeyCipher cipher(KeyRing::parse(entry));
  std::string ct = cipher.encrypt(kProviderKey);
  std::string bad = with_blob(ct, [](std::string& b) { b[20] ^= 1; });
  try {
    cipher.decrypt(bad);
    FAIL("tampered ciphertext decrypted");
  } catch (const SecurityError& e) {
    std::string msg = e.what();
    CHECK(msg.find(kProviderKey.substr(8)) == std::string::npos);
    CHECK(msg.find(entry.substr(3)) == std::string::npos);
  }
}
