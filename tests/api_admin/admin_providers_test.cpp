// Provider configurations through the admin API: the key is write-only,
// stored encrypted and shown masked; it never appears in any response or
// in the stored bytes; secrets in instance config are refused; without a
// master key no provider key is accepted.
#include "admin_world.hpp"

#include "security/key_cipher.hpp"
#include "storage/tenant_ai_config_repository.hpp"

#include <catch2/catch.hpp>

using namespace aihost::testing;
using nlohmann::json;

namespace {
const std::string kKey = "sk-admin-test-PLAINTEXT-c0ffee42";
}

TEST_CASE("PUT stores the provider key encrypted and shows it masked only") {
  for (auto engine : test_engines()) {
    CAPTURE(aihost::storage::engine_name(engine));
    AdminWorld w(engine);
    w.tenant("acme");
    const std::string path = "/admin/v1/tenants/acme/providers/llm.chat";
    auto put = w.call("PUT", path,
                      json{{"provider", "variant"},
                           {"model", "m-1"},
                           {"api_key", kKey},
                           {"config", {{"label", "acme"}}}});
    REQUIRE(put.status == 200);
    CHECK(put.body["capability"] == "llm.chat");
    CHECK(put.body["provider"] == "variant");
    CHECK(put.body["model"] == "m-1");
    CHECK(put.body["api_key"] == "sk-…ee42");
    CHECK(put.body["config"] == json{{"label", "acme"}});
    CHECK(put.body["active"] == true);
    const int64_t first_id = put.body["id"];
    CHECK(w.changed_tenants().back() == "acme");

    // The product name of the capability reads the same row.
    auto got = w.call("GET", "/admin/v1/tenants/acme/providers/llm");
    REQUIRE(got.status == 200);
    CHECK(got.body["id"] == first_id);
    CHECK(got.body["api_key"] == "sk-…ee42");

    // The stored ciphertext decrypts to the key under the master key.
    {
      auto conn = w.db->db().connect();
      auto row = aihost::storage::TenantAiConfigRepository(conn).find_active(
          "acme", "llm");
      REQUIRE(row);
      REQUIRE(row->api_key_ciphertext);
      CHECK_THAT(*row->api_key_ciphertext, Catch::StartsWith("v1:k1:"));
      aihost::security::KeyCipher cipher(*w.settings.encryption_keys);
      CHECK(cipher.decrypt(*row->api_key_ciphertext).reveal() == kKey);
    }

    // Omitting api_key keeps the key; a new model makes a new active row.
    auto kept =
        w.call("PUT", path, json{{"provider", "variant"}, {"model", "m-2"}});
    REQUIRE(kept.status == 200);
    CHECK(kept.body["api_key"] == "sk-…ee42");
    CHECK(kept.body["id"] != first_id);
    auto list = w.call("GET", "/admin/v1/tenants/acme/providers");
    REQUIRE(list.body["data"].size() == 1);
    CHECK(list.body["data"][0]["model"] == "m-2");
    auto history =
        w.call("GET", "/admin/v1/tenants/acme/providers?include_inactive=true");
    CHECK(history.body["data"].size() == 2);
    // null removes it.
    auto removed = w.call("PUT", path,
                          json{{"provider", "variant"}, {"api_key", nullptr}});
    CHECK(removed.body["api_key"].is_null());

    auto gone = w.call("DELETE", path);
    REQUIRE(gone.status == 200);
    CHECK(gone.body["active"] == false);
    CHECK(w.call("GET", path).code() == "provider_config_not_found");
    CHECK(w.call("DELETE", path).code() == "provider_config_not_found");

    CHECK(w.transcript().find("PLAINTEXT") == std::string::npos);
    CHECK(w.transcript().find("v1:k1:") == std::string::npos);
    const std::string stored = w.stored_bytes();
    CHECK(stored.find("PLAINTEXT") == std::string::npos);
    CHECK(stored.find("v1:k1:") != std::string::npos);
  }
}

TEST_CASE("provider bodies are validated with the field named") {
  AdminWorld w;
  w.tenant("acme");
  const std::string path = "/admin/v1/tenants/acme/providers/llm.chat";
  struct Case {
    json body;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{
           {json::object(), "provider"},
           {{{"provider", 3}}, "provider"},
           {{{"provider", "nope"}}, "provider"},  // not in the registry
           {{{"provider", "variant"}, {"api_key", ""}}, "api_key"},
           {{{"provider", "variant"}, {"api_key", 12}}, "api_key"},
           {{{"provider", "variant"}, {"api_key", std::string(5000, 'k')}},
            "api_key"},
           {{{"provider", "variant"}, {"config", "x"}}, "config"},
           {{{"provider", "variant"}, {"config", {{"api_key", kKey}}}},
            "config.api_key"},
           {{{"provider", "variant"}, {"config", {{"Access_Token", "t"}}}},
            "config.Access_Token"},
           {{{"provider", "variant"}, {"model", ""}}, "model"},
           {{{"provider", "variant"}, {"key", kKey}}, "key"},
       }) {
    INFO(c.body.dump());
    auto r = w.call("PUT", path, c.body);
    CHECK(r.status == 400);
    CHECK(r.code() == "invalid_request");
    CHECK_THAT(r.body["error"]["message"].get<std::string>(),
               Catch::StartsWith(c.field + ":"));
  }
  // The plugin must offer the capability.
  auto wrong_cap = w.call("PUT", "/admin/v1/tenants/acme/providers/pii.redact",
                          json{{"provider", "variant"}});
  CHECK(wrong_cap.code() == "invalid_request");
  CHECK(w.call("PUT", "/admin/v1/tenants/acme/providers/video.make",
               json{{"provider", "variant"}})
            .code() == "unknown_capability");
  CHECK(w.call("PUT", "/admin/v1/tenants/nobody/providers/llm.chat",
               json{{"provider", "variant"}})
            .code() == "tenant_not_found");
  CHECK(w.call("GET", "/admin/v1/tenants/nobody/providers").code() ==
        "tenant_not_found");
  CHECK(w.transcript().find("PLAINTEXT") == std::string::npos);
}

TEST_CASE("without a master key provider keys are refused, not stored") {
  WorldOptions o;
  o.encryption_keys = false;
  AdminWorld w(aihost::storage::Engine::kSqlite, o);
  w.tenant("acme");
  const std::string path = "/admin/v1/tenants/acme/providers/llm.chat";
  auto r =
      w.call("PUT", path, json{{"provider", "variant"}, {"api_key", kKey}});
  CHECK(r.status == 503);
  CHECK(r.code() == "encryption_not_configured");
  CHECK(w.call("GET", path).status == 404);
  // A configuration without a key needs no master key.
  CHECK(w.call("PUT", path, json{{"provider", "variant"}}).status == 200);
  CHECK(w.stored_bytes().find("PLAINTEXT") == std::string::npos);
  CHECK(w.transcript().find("PLAINTEXT") == std::string::npos);
}
