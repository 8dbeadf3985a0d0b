// HmacKey: the ready-made key gives the same MAC as the one-shot HMAC, for
// keys shorter than, equal to and longer than SHA-256's 64-byte block (the
// three ways HMAC prepares a key), and from many threads at once.
#include "security/hmac_key.hpp"
#include "security/digest.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace aihost::security;

TEST_CASE("RFC 4231 test case 2", "[security][hmac]") {
  HmacKey key("Jefe");
  CHECK(to_hex(key.sign("what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("the same MAC as the one-shot HMAC", "[security][hmac]") {
  for (size_t key_size : {0, 1, 31, 63, 64, 65, 131}) {
    std::string secret(key_size, '\0');
    for (size_t i = 0; i < key_size; ++i)
      secret[i] = static_cast<char>(i * 37 + 11);
    HmacKey key(secret);
    for (std::string data : {std::string(), std::string("x"),
                             std::string(52, 'q'), std::string(1000, '\x80')}) {
      INFO("key " << key_size << " bytes, data " << data.size() << " bytes");
      CHECK(key.sign(data) == hmac_sha256(secret, data));
    }
  }
}

TEST_CASE("a key is signed with from many threads at once",
          "[security][hmac]") {
  HmacKey key("pepper-for-threads");
  const std::string expected = hmac_sha256("pepper-for-threads", "data");
  std::vector<int> wrong(8, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < wrong.size(); ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i)
        if (key.sign("data") != expected) ++wrong[t];
    });
  for (auto& t : threads) t.join();
  for (int w : wrong) CHECK(w == 0);
}
