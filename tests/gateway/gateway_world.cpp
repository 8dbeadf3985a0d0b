#include "gateway_world.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <limits>
#include <random>

#include "governance/billing_period.hpp"
#include "pricing/price_loader.hpp"
#include "security/key_cipher.hpp"
#include "security/master_keys.hpp"
#include "storage/budget_period_repository.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/tenant_feature_repository.hpp"
#include "storage/tenant_repository.hpp"
#include "storage/transaction.hpp"

namespace aihost::testing {

std::string test_price_yaml() {
  return R"(version: "gw-test-1"
effective_date: 2026-11-01
currency: USD
providers:
  openai:
    gpt-4o-mini:
      per_1m_input_tokens: 1.00
      per_1m_output_tokens: 4.00
  local-pii:
    "*":
      per_1k_characters: 0.50
)";
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("aihost-gateway-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

governance::LogFn LogCapture::fn() {
  return [this](const std::string& line) {
    std::lock_guard lock(mu_);
    lines_.push_back(line);
  };
}

std::vector<std::string> LogCapture::lines() const {
  std::lock_guard lock(mu_);
  return lines_;
}

bool LogCapture::contains(const std::string& text) const {
  std::lock_guard lock(mu_);
  for (const auto& l : lines_)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

namespace {

std::string registry_text(const std::string& openai_url) {
  const std::string dir = AIHOST_PLUGIN_DIR;
  return "version: 1\nplugins:\n"
         "  - id: openai\n    library: " +
         dir +
         "/aihost-openai.so\n"
         "    abi: \"1.0\"\n    capabilities: [llm.chat, audio.transcribe]\n"
         "    upstream:\n"
         "      base_url: " +
         openai_url +
         "\n"
         "      connect_timeout_ms: 1000\n"
         "      read_timeout_ms: 3000\n"
         "      total_timeout_ms: 5000\n"
         "      max_retries: 2\n"
         "      backoff_initial_ms: 10\n"
         "      backoff_max_ms: 20\n"
         "    defaults: {models: {llm.chat: gpt-4o-mini}}\n"
         "  - id: local-pii\n    library: " +
         dir +
         "/aihost-local-pii.so\n"
         "    abi: \"1.0\"\n    capabilities: [pii.redact]\n";
}

}  // namespace

GatewayWorld::GatewayWorld(storage::Engine engine, WorldOptions options)
    : db(open_test_database(engine)) {
  auto file = dir.path() / "providers.yaml";
  std::ofstream(file) << registry_text(openai.base_url());
  registry = std::make_unique<plugins::RegistryHolder>(file);
  auto loaded = registry->reload();
  REQUIRE(loaded.ok);
  for (const auto& p : loaded.registry->plugins())
    REQUIRE(p.status == plugins::PluginStatus::loaded);

  settings::Environment env = {
      {"AI_ENCRYPTION_KEYS", security::generate_master_key_entry("k1")},
      {"AI_DEFAULT_LLM_PROVIDER", "openai"},
      {"AI_DEFAULT_PII_PROVIDER", "local-pii"},
      {"AI_OPENAI_API_KEY", kServiceKey},
      {"AI_API_KEY_PEPPER", "gateway-test-pepper-0123456789abcdef"},
  };
  if (options.allow_unpriced) env["AI_ALLOW_UNPRICED"] = "true";
  settings = std::make_shared<const settings::Settings>(
      settings::load_settings(env).settings);
  store = std::make_unique<routing::TenantConfigStore>(db->db());
  resolver = std::make_unique<routing::ConfigResolver>(
      *store, settings, [this] { return registry->current(); });
  router = std::make_unique<routing::Router>(*resolver, factory);
  prices = pricing::parse_price_table(test_price_yaml(), "gateway-prices.yaml");
  calculator = std::make_unique<pricing::CostCalculator>(prices);
  directory = std::make_unique<governance::TenantDirectory>(
      db->db(), settings->api_key_pepper);
  leases = std::make_unique<governance::BudgetLeases>(
      db->db(), options.leases, governance::BudgetLeases::NowFn{}, log.fn());
  writer = std::make_unique<governance::UsageWriter>(
      db->db(), governance::UsageWriterOptions{}, log.fn());
  gateway::MeteredCallerOptions caller_options;
  caller_options.allow_unpriced = settings->allow_unpriced;
  caller_options.log = log.fn();
  caller = std::make_unique<gateway::MeteredCaller>(
      *router, *directory, *calculator, *leases, *writer, caller_options);
}

GatewayWorld::~GatewayWorld() {
  caller.reset();
  writer.reset();
  leases.reset();
}

void GatewayWorld::add_tenant(const std::string& id,
                              std::optional<int64_t> budget_micros, bool pii) {
  storage::Connection c = db->db().connect();
  storage::TenantRepository(c).create(id, "Tenant " + id, 1);
  storage::TenantFeatures f;
  f.tenant_id = id;
  f.monthly_budget_micros = budget_micros;
  f.pii_redaction_enabled = pii;
  storage::TenantFeatureRepository(c).upsert(f, 1);
  directory->invalidate(id);
  store->invalidate(id);
}

void GatewayWorld::set_llm_config(const std::string& tenant,
                                  const std::string& key,
                                  const std::string& config_json) {
  storage::TenantAiConfig row;
  row.tenant_id = tenant;
  row.provider_type = "llm";
  row.provider_name = "openai";
  row.model = "gpt-4o-mini";
  row.api_key_ciphertext =
      security::KeyCipher(*settings->encryption_keys).encrypt(key);
  row.config_json = config_json;
  storage::Connection c = db->db().connect();
  storage::Transaction tx(c);
  storage::TenantAiConfigRepository(c).replace_active(row, 2);
  tx.commit();
  store->invalidate(tenant);
}

gateway::ProviderCall GatewayWorld::chat_call(
    const std::string& tenant, const std::string& request_id) const {
  gateway::ProviderCall call;
  call.tenant_id = tenant;
  call.capability = "llm.chat";
  call.invocation.operation = "llm.chat";
  call.invocation.params = {
      {"messages",
       {{{"role", "system"}, {"content", "You book service appointments."}},
        {{"role", "user"},
         {"content", "Can someone look at my boiler on Tuesday morning?"}}}},
      {"max_output_tokens", 50}};
  call.expected.input_tokens = 100;
  call.expected.max_output_tokens = 50;
  call.request_id = request_id;
  call.options.timeout = std::chrono::seconds(5);
  return call;
}

gateway::ProviderCall GatewayWorld::redact_call(const std::string& tenant,
                                                const std::string& text) const {
  gateway::ProviderCall call;
  call.tenant_id = tenant;
  call.capability = "pii.redact";
  call.invocation.operation = "pii.redact";
  call.invocation.params = {{"text", text}};
  call.expected.characters = static_cast<int64_t>(text.size());
  call.request_id = "redact-" + tenant;
  return call;
}

std::vector<storage::UsageLog> GatewayWorld::usage(const std::string& tenant) {
  REQUIRE(writer->flush(std::chrono::seconds(10)));
  storage::Connection c = db->db().connect();
  return storage::UsageLogRepository(c).list(
      tenant, 0, std::numeric_limits<int64_t>::max());
}

storage::BudgetPeriod GatewayWorld::period(const std::string& tenant) {
  storage::Connection c = db->db().connect();
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  auto p = storage::BudgetPeriodRepository(c).find(tenant,
                                                   governance::period_of(now));
  return p ? *p : storage::BudgetPeriod{tenant, governance::period_of(now)};
}

}  // namespace aihost::testing
