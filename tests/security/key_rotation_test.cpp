// Rotating a table's worth of stored keys: only stale rows are rewritten,
// damaged rows are reported and left alone, and a second run is a no-op.
#include "security/key_rotation.hpp"
#include "test_keys.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>

using namespace aihost::security;
using aihost::testing::master_entry;

TEST_CASE("rotating stored keys", "[security][rotate]") {
  KeyCipher old_cipher(KeyRing::parse(master_entry("k1", 'a')));
  KeyCipher cipher(
      KeyRing::parse(master_entry("k2", 'b') + "," + master_entry("k1", 'a')));
  KeyCipher lost(KeyRing::parse(master_entry("k0", 'z')));

  std::map<std::string, std::string> table = {
      {"t1-openai", old_cipher.encrypt("sk-tenant-one-0000aaaa")},
      {"t2-openai", old_cipher.encrypt("sk-tenant-two-1111bbbb")},
      {"t3-deepgram", cipher.encrypt("dg-tenant-three-2222cccc")},
      {"t4-lost", lost.encrypt("sk-lost-master-key-3333")},
  };
  std::string damaged = old_cipher.encrypt("sk-damaged-row-4444dddd");
  damaged[damaged.size() - 5] = damaged[damaged.size() - 5] == 'A' ? 'B' : 'A';
  table["t5-damaged"] = damaged;

  auto rows = [&] {
    std::vector<StoredKey> out;
    for (const auto& [id, ct] : table) out.push_back({id, ct});
    return out;
  };
  const auto before = table;
  std::vector<std::string> written;
  auto write = [&](const std::string& id, const std::string& ct) {
    written.push_back(id);
    table[id] = ct;
  };

  RotationReport r = rotate_keys(cipher, rows(), write);
  CHECK(r.rotated == 2);
  CHECK(r.already_current == 1);
  REQUIRE(r.failed.size() == 2);
  CHECK(r.failed[0].row_id == "t4-lost");
  CHECK(r.failed[0].code == "unknown_key_id");
  CHECK(r.failed[1].row_id == "t5-damaged");
  CHECK(r.failed[1].code == "key_decrypt_failed");
  CHECK(written == std::vector<std::string>{"t1-openai", "t2-openai"});

  CHECK(ciphertext_key_id(table["t1-openai"]) == "k2");
  CHECK(cipher.decrypt(table["t1-openai"]).reveal() ==
        "sk-tenant-one-0000aaaa");
  CHECK(cipher.decrypt(table["t2-openai"]).reveal() ==
        "sk-tenant-two-1111bbbb");
  CHECK(table["t3-deepgram"] == before.at("t3-deepgram"));
  CHECK(table["t4-lost"] == before.at("t4-lost"));
  CHECK(table["t5-damaged"] == before.at("t5-damaged"));

  // Resumed: nothing left to do.
  written.clear();
  RotationReport again = rotate_keys(cipher, rows(), write);
  CHECK(again.rotated == 0);
  CHECK(again.already_current == 3);
  CHECK(written.empty());
}

TEST_CASE("a failing write stops the batch", "[security][rotate]") {
  KeyCipher old_cipher(KeyRing::parse(master_entry("k1", 'a')));
  KeyCipher cipher(
      KeyRing::parse(master_entry("k2", 'b') + "," + master_entry("k1", 'a')));
  std::vector<StoredKey> rows = {{"a", old_cipher.encrypt("sk-aaaa-1234567")},
                                 {"b", old_cipher.encrypt("sk-bbbb-1234567")}};
  int writes = 0;
  CHECK_THROWS_AS(rotate_keys(cipher, rows,
                              [&](const std::string&, const std::string&) {
                                ++writes;
                                throw std::runtime_error("database gone");
                              }),
                  std::runtime_error);
  CHECK(writes == 1);
}
