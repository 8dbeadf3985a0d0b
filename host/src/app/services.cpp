#include "app/services.hpp"

#include "gateway/provider_failure.hpp"
#include "pipelines/handlers.hpp"
#include "pricing/price_loader.hpp"
#include "storage/job_repository.hpp"

#include <iostream>

namespace aihost::app {

// Provider calls as the metrics see them.
class Services::MetricsObserver : public gateway::CallObserver {
 public:
  explicit MetricsObserver(metrics::Metrics& metrics) : metrics_(metrics) {}
  void observe(const std::string& provider, const std::string& model,
               const std::string& operation, aihost_status status,
               int64_t provider_ms, double cost_usd) override {
    std::string code = "ok";
    if (status != AIHOST_OK) code = gateway::classify(status).code;
    metrics_.observe_provider_call(
        provider, model, operation, code, static_cast<double>(provider_ms),
        cost_usd > 0 ? std::optional<double>(cost_usd) : std::nullopt);
  }

 private:
  metrics::Metrics& metrics_;
};

Services::Services(const settings::Settings& settings, storage::Database& db,
                   plugins::RegistryHolder& registry, ServicesOptions options)
    : settings_(settings),
      db_(db),
      registry_(registry),
      options_(std::move(options)),
      observer_(std::make_unique<MetricsObserver>(metrics_)),
      prices_(pricing::load_price_table(settings.prices_path)) {
  calculator_ = std::make_unique<pricing::CostCalculator>(prices_);
  config_store_ = std::make_unique<routing::TenantConfigStore>(db_);
  auto shared_settings = std::make_shared<const settings::Settings>(settings_);
  resolver_ = std::make_unique<routing::ConfigResolver>(
      *config_store_, shared_settings, [this] { return registry_.current(); });
  router_ = std::make_unique<routing::Router>(*resolver_, factory_);
  directory_ = std::make_unique<governance::TenantDirectory>(
      db_, settings_.api_key_pepper);
  budgets_ = std::make_unique<governance::BudgetService>(db_);
  leases_ = std::make_unique<governance::BudgetLeases>(db_);
  // Renews busy leases, gives back idle ones.
  leases_->start_maintenance(30 * 1000);
  usage_writer_ = std::make_unique<governance::UsageWriter>(db_);
  gateway::MeteredCallerOptions caller_options;
  caller_options.allow_unpriced = settings_.allow_unpriced;
  caller_ = std::make_unique<gateway::MeteredCaller>(
      *router_, *directory_, *calculator_, *leases_, *usage_writer_,
      caller_options, observer_.get());

  std::filesystem::path tasks_dir = options_.tasks_dir;
  if (tasks_dir.empty()) tasks_dir = settings_.tasks_path;
  tasks_ = pipelines::TaskCatalog::load(tasks_dir);
  std::map<std::string, jobs::JobHandler> handlers;
  pipelines::PipelineDeps deps{*caller_, tasks_, std::nullopt};
  if (settings_.limits.request_timeout_ms > 0)
    deps.call_timeout =
        std::chrono::milliseconds(settings_.limits.request_timeout_ms);
  pipelines::register_handlers(handlers, deps);
  for (auto& [type, handler] : handlers) handlers_.add(type, handler);

  events_ = std::make_shared<jobs::JobEvents>();
  jobs::JobServiceOptions job_options;
  job_options.default_max_attempts = settings_.limits.job_max_attempts;
  job_options.max_blob_bytes = settings_.limits.max_upload_bytes;
  job_service_ =
      std::make_unique<jobs::JobService>(db_, handlers_, job_options, events_);
  if (options_.workers > 0) {
    jobs::WorkerPoolOptions pool;
    pool.workers = options_.workers;
    pool.lease = std::chrono::seconds(settings_.limits.job_lease_seconds);
    pool.default_tenant_limit = options_.worker_tenant_limit;
    pool.on_finished = [this](const std::string& type,
                              const std::string& outcome) {
      metrics_.observe_job(type, outcome);
    };
    workers_ =
        std::make_unique<jobs::WorkerPool>(db_, handlers_, pool, events_);
    if (!settings_.webhook_secret.empty())
      webhooks_ = std::make_unique<jobs::WebhookSender>(
          db_, settings_.webhook_secret, jobs::WebhookOptions{}, events_);
  }

  metrics_.set_in_flight_source([this] {
    return workers_ ? static_cast<double>(workers_->running_jobs()) : 0.0;
  });
  metrics_.set_queue_depth_source([this]() -> double {
    auto conn = db_.connect();
    return storage::JobRepository(conn).count_pending();
  });
}

Services::~Services() { stop(std::chrono::milliseconds(0)); }

api::AppContext Services::app_context() {
  api::AppContext app(registry_);
  app.database = &db_;
  app.settings = &settings_;
  app.tenant_keys = [this](std::string_view key) {
    return directory_->tenant_for_key(key);
  };
  app.caller = caller_.get();
  app.jobs = job_service_.get();
  app.tenants = directory_.get();
  app.budgets = budgets_.get();
  app.tasks = &tasks_;
  app.metrics = &metrics_;
  app.tenant_changed = [this](const std::string& tenant_id) {
    if (tenant_id.empty()) {
      directory_->invalidate_all();
      config_store_->invalidate_all();
    } else {
      directory_->invalidate(tenant_id);
      config_store_->invalidate(tenant_id);
      factory_.forget_tenant(tenant_id);
    }
  };
  return app;
}

void Services::start_workers() {
  if (workers_) workers_->start();
  if (webhooks_) webhooks_->start();
}

void Services::stop(std::chrono::milliseconds grace) {
  if (stopped_) return;
  stopped_ = true;
  if (workers_) workers_->stop(grace);
  if (webhooks_) webhooks_->stop();
  usage_writer_->flush();
  leases_->close_all();
}

}  // namespace aihost::app
