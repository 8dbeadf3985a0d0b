// What route handlers may reach. Serve builds each service once and hands
// them here; a route whose service is absent answers 503 not_ready, so a
// server can run with part of the stack (tests, a store-less diagnostic).
#pragma once

#include "api/access.hpp"
#include "api/router.hpp"
#include "plugins/registry_holder.hpp"
#include "storage/database.hpp"

#include <functional>
#include <string>

namespace aihost::settings {
struct Settings;
}
namespace aihost::gateway {
class ProviderCaller;
}
namespace aihost::jobs {
class JobService;
}
namespace aihost::governance {
class BudgetService;
class TenantDirectory;
}  // namespace aihost::governance
namespace aihost::pipelines {
class TaskCatalog;
}
namespace aihost::metrics {
class Metrics;
}

namespace aihost::api {

struct AppContext {
  explicit AppContext(plugins::RegistryHolder& registry) : registry(registry) {}

  plugins::RegistryHolder& registry;
  storage::Database* database = nullptr;
  const settings::Settings* settings = nullptr;
  TenantKeyLookup tenant_keys;  // bearer key -> tenant id
  gateway::ProviderCaller* caller = nullptr;
  jobs::JobService* jobs = nullptr;
  governance::TenantDirectory* tenants = nullptr;
  governance::BudgetService* budgets = nullptr;
  pipelines::TaskCatalog* tasks = nullptr;
  metrics::Metrics* metrics = nullptr;
  // Called after an admin change to a tenant's keys, configs or features,
  // so that caches drop what they hold for it ("" for every tenant).
  std::function<void(const std::string& tenant_id)> tenant_changed;
};

[[noreturn]] void throw_not_ready(const char* what);

// The service, or ApiError 503 not_ready when it is absent.
template <typename T>
T& require(T* service, const char* what) {
  if (!service) throw_not_ready(what);
  return *service;
}

}  // namespace aihost::api
