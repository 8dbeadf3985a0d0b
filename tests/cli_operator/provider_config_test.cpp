// Provider configs through the operator commands: the key comes only from a
// file or stdin, is stored encrypted, shown masked, resolved by the routing
// cascade, and re-encrypted by `keys rotate` across master keys.
#include <catch2/catch.hpp>

#include "operator_fixture.hpp"
#include "routing/config_resolver.hpp"
#include "security/key_cipher.hpp"
#include "storage/tenant_ai_config_repository.hpp"

using namespace aihost;
using aihost::testing::OperatorWorld;

namespace {

const std::string kKey = "sk-operator-test-PLAINTEXT-7f3a9c21";

std::vector<storage::StoredKey> stored_keys(OperatorWorld& w) {
  storage::Connection c = w.db->db().connect();
  return storage::TenantAiConfigRepository(c).keys_after(0, 100);
}

}  // namespace

TEST_CASE(
    "config set stores the key encrypted; no output or byte of the "
    "database holds it") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    REQUIRE(
        w.run(cli::run_tenants, {"create", "Acme", "--slug", "acme"}).exit ==
        0);
    auto file = w.write_file("openai.key", kKey + "\n");

    // Never from argv, in either spelling.
    auto argv_key = w.run(cli::run_config, {"set", "acme", "llm.chat",
                                            "variant", "--api-key", kKey});
    CHECK(argv_key.exit == 2);
    CHECK(w.run(cli::run_config,
                {"set", "acme", "llm", "variant", "--api-key=" + kKey})
              .exit == 2);
    CHECK(argv_key.err.find(kKey) == std::string::npos);

    auto set =
        w.run(cli::run_config, {"set", "acme", "llm.chat", "variant", "--model",
                                "m-1", "--config", R"({"label":"acme"})",
                                "--api-key-file", file, "--json"});
    REQUIRE(set.exit == 0);
    CHECK(set.json()["api_key"] == "sk-…9c21");
    auto stt =
        w.run(cli::run_config,
              {"set", "acme", "transcription", "deepgram", "--api-key-stdin"},
              "dg-stdin-key-PLAINTEXT-55aa66bb\n");
    REQUIRE(stt.exit == 0);

    auto listed = w.run(cli::run_config, {"list", "acme", "--json"});
    REQUIRE(listed.exit == 0);
    auto rows = listed.json();
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) {
      if (row["capability"] == "llm.chat") {
        CHECK(row["api_key"] == "sk-…9c21");
        CHECK(row["model"] == "m-1");
        CHECK(row["config"]["label"] == "acme");
      } else {
        CHECK(row["capability"] == "audio.transcribe");
        CHECK(row["provider"] == "deepgram");
      }
    }
    CHECK(w.run(cli::run_config, {"list", "acme"}).exit == 0);

    std::string stored = w.stored_bytes();
    CHECK(stored.find("PLAINTEXT") == std::string::npos);
    CHECK(stored.find("v1:k1:") != std::string::npos);
    CHECK(w.transcript().find("PLAINTEXT") == std::string::npos);

    // The routing cascade reads back exactly the key that was set.
    settings::Settings s = settings::load_settings(w.env).settings;
    auto shared = std::make_shared<const settings::Settings>(s);
    routing::TenantConfigStore store(w.db->db(), std::chrono::milliseconds(0));
    auto registry_file = w.write_file(
        "providers.yaml", std::string("version: 1\nplugins:\n  - id: variant\n"
                                      "    library: ") +
                              AIHOST_PLUGIN_DIR +
                              "/test-reg-good.so\n    abi: \"1.0\"\n"
                              "    capabilities: [llm.chat]\n");
    auto registry = plugins::Registry::load(registry_file);
    routing::ConfigResolver resolver(store, shared, [&] { return registry; });
    auto resolved = resolver.resolve({"acme", "llm.chat", {}, {}});
    CHECK(resolved.api_key.reveal() == kKey);
    CHECK(resolved.model == "m-1");
    CHECK(resolved.instance_config["label"] == "acme");
  }
}

TEST_CASE("config set refuses what it cannot store") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    REQUIRE(
        w.run(cli::run_tenants, {"create", "Acme", "--slug", "acme"}).exit ==
        0);
    auto code = [&](const cli::OperatorArgs& args, const std::string& in = "") {
      auto r = w.run(cli::run_config, args, in);
      CHECK(r.exit != 0);
      return r.json()["error"]["code"].get<std::string>();
    };
    CHECK(code({"set", "nobody", "llm", "variant", "--json"}) ==
          "tenant_not_found");
    CHECK(code({"set", "acme", "video", "variant", "--json"}) ==
          "unknown_capability");
    CHECK(code({"set", "acme", "llm", "variant", "--config", "{nope",
                "--json"}) == "invalid_config");
    CHECK(code({"set", "acme", "llm", "variant", "--config", "[1]",
                "--json"}) == "invalid_config");
    CHECK(code({"set", "acme", "llm", "variant", "--config",
                R"({"api_key":"x"})", "--json"}) == "invalid_config");
    CHECK(code({"set", "acme", "llm", "variant", "--api-key-file",
                w.dir + "/missing", "--json"}) == "api_key_unreadable");
    CHECK(code({"set", "acme", "llm", "variant", "--api-key-stdin", "--json"},
               "\n") == "api_key_empty");
    w.env.erase("AI_ENCRYPTION_KEYS");
    CHECK(code({"set", "acme", "llm", "variant", "--api-key-stdin", "--json"},
               kKey) == "invalid_settings");
    CHECK(stored_keys(w).empty());
    CHECK(w.transcript().find(kKey) == std::string::npos);
  }
}

TEST_CASE(
    "keys rotate re-encrypts every stored key under the new master key, "
    "resumably") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    const std::string k1 = w.env["AI_ENCRYPTION_KEYS"];
    for (std::string t : {"acme", "globex", "initech"}) {
      REQUIRE(w.run(cli::run_tenants, {"create", t, "--slug", t}).exit == 0);
      REQUIRE(w.run(cli::run_config,
                    {"set", t, "llm", "variant", "--api-key-stdin"},
                    "sk-" + t + "-PLAINTEXT-000000001111")
                  .exit == 0);
    }
    for (const auto& k : stored_keys(w))
      CHECK(k.ciphertext.rfind("v1:k1:", 0) == 0);

    const std::string k2 = security::generate_master_key_entry("k2");
    w.env["AI_ENCRYPTION_KEYS"] = k2 + "," + k1;
    auto first = w.run(cli::run_keys, {"rotate", "--batch", "2", "--json"});
    REQUIRE(first.exit == 0);
    CHECK(first.json()["rotated"] == 3);
    CHECK(first.json()["current_key_id"] == "k2");

    // k1 can now be retired: everything decrypts with k2 alone.
    security::KeyCipher only_k2(security::KeyRing::parse(k2));
    for (const auto& k : stored_keys(w)) {
      CHECK(k.ciphertext.rfind("v1:k2:", 0) == 0);
      CHECK(only_k2.decrypt(k.ciphertext).reveal() ==
            "sk-" + k.tenant_id + "-PLAINTEXT-000000001111");
    }
    auto again = w.run(cli::run_keys, {"rotate", "--json"});
    REQUIRE(again.exit == 0);
    CHECK(again.json()["rotated"] == 0);
    CHECK(again.json()["already_current"] == 3);

    // A damaged row is reported and left alone; the others still rotate.
    const std::string k3 = security::generate_master_key_entry("k3");
    w.env["AI_ENCRYPTION_KEYS"] = k3 + "," + k2;
    {
      auto keys = stored_keys(w);
      storage::Connection c = w.db->db().connect();
      REQUIRE(storage::TenantAiConfigRepository(c).replace_key(
          keys[0].tenant_id, keys[0].config_id, keys[0].ciphertext,
          "v1:k9:AAAA", 5));
    }
    auto partial = w.run(cli::run_keys, {"rotate", "--json"});
    CHECK(partial.exit == 1);
    CHECK(partial.err.find("rotation_incomplete") != std::string::npos);
    CHECK(w.transcript().find("PLAINTEXT") == std::string::npos);
    auto keys = stored_keys(w);
    CHECK(keys[0].ciphertext == "v1:k9:AAAA");
    CHECK(keys[1].ciphertext.rfind("v1:k3:", 0) == 0);
    CHECK(keys[2].ciphertext.rfind("v1:k3:", 0) == 0);
  }
}
