// The running product, wired once: every service `serve` and `worker` use,
// built from the settings in dependency order and torn down in reverse
// (workers stop before the gateway they call, usage is flushed and budget
// leases are given back before the store closes).
//
// This is the only place that knows every layer; the layers themselves
// only know the ones below them.
#pragma once

#include "api/app_context.hpp"
#include "gateway/metered_caller.hpp"
#include "governance/budget_leases.hpp"
#include "governance/budget_service.hpp"
#include "governance/tenant_directory.hpp"
#include "governance/usage_writer.hpp"
#include "jobs/job_handlers.hpp"
#include "jobs/job_service.hpp"
#include "jobs/webhook.hpp"
#include "jobs/worker_pool.hpp"
#include "metrics/metrics.hpp"
#include "pipelines/task_catalog.hpp"
#include "plugins/registry_holder.hpp"
#include "pricing/cost.hpp"
#include "pricing/price_table.hpp"
#include "routing/config_resolver.hpp"
#include "routing/provider_factory.hpp"
#include "routing/router.hpp"
#include "routing/tenant_config_store.hpp"
#include "settings/settings.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <filesystem>
#include <memory>

namespace aihost::app {

struct ServicesOptions {
  // Where the task YAML files are; default: AI_TASKS.
  std::filesystem::path tasks_dir;
  // Worker threads in this process (AI_WORKERS; 0 runs none).
  int workers = 0;
  // Jobs a tenant without a features row may run at once.
  int worker_tenant_limit = 4;
};

class Services {
 public:
  // Throws on anything that keeps the product from running: an unreadable
  // price table or task catalog (the message names the file and field).
  Services(const settings::Settings& settings, storage::Database& db,
           plugins::RegistryHolder& registry, ServicesOptions options);
  ~Services();
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  // What the HTTP routes reach.
  api::AppContext app_context();

  void start_workers();
  // Stops claiming, lets jobs in flight finish within `grace`, releases the
  // rest, then flushes usage and closes budget leases.
  void stop(std::chrono::milliseconds grace);

  metrics::Metrics& metrics() { return metrics_; }
  jobs::JobService& job_service() { return *job_service_; }
  gateway::ProviderCaller& caller() { return *caller_; }

 private:
  class MetricsObserver;

  const settings::Settings& settings_;
  storage::Database& db_;
  plugins::RegistryHolder& registry_;
  ServicesOptions options_;

  metrics::Metrics metrics_;
  std::unique_ptr<MetricsObserver> observer_;
  pricing::PriceTable prices_;
  std::unique_ptr<pricing::CostCalculator> calculator_;
  std::unique_ptr<routing::TenantConfigStore> config_store_;
  std::unique_ptr<routing::ConfigResolver> resolver_;
  routing::ProviderFactory factory_;
  std::unique_ptr<routing::Router> router_;
  std::unique_ptr<governance::TenantDirectory> directory_;
  std::unique_ptr<governance::BudgetService> budgets_;
  std::unique_ptr<governance::BudgetLeases> leases_;
  std::unique_ptr<governance::UsageWriter> usage_writer_;
  std::unique_ptr<gateway::MeteredCaller> caller_;
  pipelines::TaskCatalog tasks_;
  jobs::JobHandlers handlers_;
  std::shared_ptr<jobs::JobEvents> events_;
  std::unique_ptr<jobs::JobService> job_service_;
  std::unique_ptr<jobs::WorkerPool> workers_;
  std::unique_ptr<jobs::WebhookSender> webhooks_;  // with AI_WEBHOOK_SECRET
  bool stopped_ = false;
};

}  // namespace aihost::app
