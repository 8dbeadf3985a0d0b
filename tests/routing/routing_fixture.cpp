#include "routing_fixture.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "security/key_cipher.hpp"
#include "storage/tenant_repository.hpp"
#include "storage/transaction.hpp"

namespace aihost::testing {

ScratchDir::ScratchDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("aihost-routing-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path ScratchDir::write(const std::string& name,
                                        const std::string& text) const {
  auto file = path_ / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::string routing_registry_text(const std::string& variant_label) {
  const std::string dir = AIHOST_PLUGIN_DIR;
  return "version: 1\nplugins:\n"
         "  - id: c-echo\n    library: " +
         dir +
         "/test-c-echo.so\n"
         "    abi: \"1.0\"\n    capabilities: [llm.chat]\n"
         "    upstream: {base_url: http://127.0.0.1:9}\n"
         "    defaults: {models: {llm.chat: echo-default}}\n"
         "  - id: variant\n    library: " +
         dir +
         "/test-reg-good.so\n"
         "    abi: \"1.0\"\n    capabilities: [llm.chat]\n"
         "    defaults: {models: {llm.chat: variant-default}}\n"
         "    config: {label: " +
         variant_label +
         "}\n"
         "  - id: deepgram\n    library: " +
         dir +
         "/aihost-deepgram.so\n"
         "    abi: \"1.0\"\n    capabilities: [audio.transcribe]\n"
         "    upstream: {base_url: http://127.0.0.1:9}\n"
         "    defaults: {models: {audio.transcribe: nova-3}}\n"
         "  - id: local-pii\n    library: " +
         dir +
         "/aihost-local-pii.so\n"
         "    abi: \"1.0\"\n    capabilities: [pii.redact]\n"
         "  - id: ghost\n    library: " +
         dir +
         "/no-such-plugin.so\n"
         "    abi: \"1.0\"\n    capabilities: [llm.chat]\n"
         "  - id: sleepy\n    library: " +
         dir +
         "/test-c-echo.so\n"
         "    abi: \"1.0\"\n    capabilities: [llm.chat]\n"
         "    status: disabled\n";
}

RoutingWorld::RoutingWorld(storage::Engine engine,
                           settings::Environment extra_env,
                           std::chrono::milliseconds cache_age)
    : db(open_test_database(engine)) {
  registry_file =
      dir.write("providers.yaml", routing_registry_text("from-registry"));
  registry = std::make_unique<plugins::RegistryHolder>(registry_file);
  auto loaded = registry->reload();
  REQUIRE(loaded.ok);
  settings::Environment env = {
      {"AI_ENCRYPTION_KEYS", security::generate_master_key_entry("k1")},
      {"AI_DEFAULT_LLM_PROVIDER", "c-echo"},
      {"AI_DEFAULT_LLM_MODEL", "service-llm-model"},
      {"AI_DEFAULT_TRANSCRIPTION_PROVIDER", "deepgram"},
      {"AI_DEFAULT_TRANSCRIPTION_MODEL", "service-stt-model"},
      {"AI_DEFAULT_PII_PROVIDER", "local-pii"},
      {"AI_DEEPGRAM_API_KEY", "dg-service-key-000111222333"},
  };
  for (auto& [k, v] : extra_env) env[k] = v;
  settings = std::make_shared<const settings::Settings>(
      settings::load_settings(env).settings);
  store = std::make_unique<routing::TenantConfigStore>(db->db(), cache_age);
  resolver = std::make_unique<routing::ConfigResolver>(
      *store, settings, [this] { return registry->current(); });
}

void RoutingWorld::add_tenant(const std::string& id) {
  storage::Connection c = db->db().connect();
  storage::TenantRepository(c).create(id, "Tenant " + id, 1);
}

int64_t RoutingWorld::set_config(const std::string& tenant,
                                 const std::string& type,
                                 const std::string& provider,
                                 const std::string& model,
                                 const std::optional<std::string>& key,
                                 const std::string& config_json) {
  storage::TenantAiConfig row;
  row.tenant_id = tenant;
  row.provider_type = type;
  row.provider_name = provider;
  row.model = model;
  if (key)
    row.api_key_ciphertext =
        security::KeyCipher(*settings->encryption_keys).encrypt(*key);
  row.config_json = config_json;
  storage::Connection c = db->db().connect();
  storage::Transaction tx(c);
  int64_t id = storage::TenantAiConfigRepository(c).replace_active(row, 2);
  tx.commit();
  store->invalidate(tenant);
  return id;
}

routing::ResolvedProvider RoutingWorld::resolve(
    const std::string& tenant, const std::string& capability,
    std::optional<std::string> provider, std::optional<std::string> feature) {
  return resolver->resolve(
      {tenant, capability, std::move(provider), std::move(feature)});
}

}  // namespace aihost::testing
