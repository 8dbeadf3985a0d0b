// One engine's worth of everything a governed call passes through: a
// migrated database, a registry of the real openai and local-pii plugins
// (openai pointed at a FakeOpenAI with quick retries), service settings, the
// routing cascade, a price table of the tests' own, the tenant directory,
// budget leases, the usage writer and the MeteredCaller under test.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fakes/fake_openai.hpp"
#include "gateway/metered_caller.hpp"
#include "plugins/registry_holder.hpp"
#include "pricing/price_table.hpp"
#include "routing/config_resolver.hpp"
#include "routing/provider_factory.hpp"
#include "routing/tenant_config_store.hpp"
#include "settings/settings.hpp"
#include "storage/budget_period_repository.hpp"
#include "test_databases.hpp"

namespace aihost::testing {

inline constexpr const char* kServiceKey = "sk-service-key-0000111122223333";

// Prices of the tests: gpt-4o-mini at $1 / $4 per 1M input / output
// tokens, so 31 prompt and 9 completion tokens cost exactly 67 micro-USD;
// local-pii at $0.50 per 1K characters.
std::string test_price_yaml();

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Collects log lines (to check what they do not contain).
class LogCapture {
 public:
  governance::LogFn fn();
  std::vector<std::string> lines() const;
  bool contains(const std::string& text) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

struct WorldOptions {
  bool allow_unpriced = false;
  governance::LeaseOptions leases;
};

class GatewayWorld {
 public:
  explicit GatewayWorld(storage::Engine engine, WorldOptions options = {});
  ~GatewayWorld();

  // A tenant with an optional monthly budget and PII redaction on or off.
  void add_tenant(const std::string& id, std::optional<int64_t> budget_micros,
                  bool pii = false);
  // The tenant's own llm row: its key, and config (e.g. its base_url).
  void set_llm_config(const std::string& tenant, const std::string& key,
                      const std::string& config_json = "{}");

  // A chat call of 100 expected input and 50 output tokens (an estimate of
  // 300 micro-USD at the test prices).
  gateway::ProviderCall chat_call(const std::string& tenant,
                                  const std::string& request_id) const;
  gateway::ProviderCall redact_call(const std::string& tenant,
                                    const std::string& text) const;

  // Flushes the writer and reads the tenant's usage rows.
  std::vector<storage::UsageLog> usage(const std::string& tenant);
  storage::BudgetPeriod period(const std::string& tenant);

  std::unique_ptr<TestDatabase> db;
  fakes::FakeOpenAI openai{kServiceKey};
  TempDir dir;
  std::unique_ptr<plugins::RegistryHolder> registry;
  std::shared_ptr<const settings::Settings> settings;
  std::unique_ptr<routing::TenantConfigStore> store;
  std::unique_ptr<routing::ConfigResolver> resolver;
  routing::ProviderFactory factory;
  std::unique_ptr<routing::Router> router;
  pricing::PriceTable prices;
  std::unique_ptr<pricing::CostCalculator> calculator;
  LogCapture log;
  std::unique_ptr<governance::TenantDirectory> directory;
  std::unique_ptr<governance::BudgetLeases> leases;
  std::unique_ptr<governance::UsageWriter> writer;
  std::unique_ptr<gateway::MeteredCaller> caller;
};

}  // namespace aihost::testing
