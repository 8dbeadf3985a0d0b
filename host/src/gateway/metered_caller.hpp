// The governed provider call (provider_call.hpp), for every route: sync,
// job steps, streams.
//
//   route   Router (the configuration cascade, feature flags); refusals map
//           to GatewayError by the table in refusals.hpp
//   admit   CostCalculator::estimate from `expected` (tenant prices when
//           given), then BudgetLeases::admit against the tenant's monthly
//           budget (TenantDirectory's cached features): no database write
//           while the process's lease covers the call. An unpriced model
//           for a tenant with a budget is refused ("model_unpriced", 422)
//           unless unpriced calls are allowed; otherwise it is admitted at
//           no estimate and its row records cost NULL.
//   invoke  ProviderInstance::invoke / chat_stream with the call's options
//   meter   CostCalculator::cost from the usage the result reports; one
//           usage row per call to a plugin (retries inside the host egress
//           are one attempt: the provider bills none of the retried
//           failures) to call.usage_sink, else the background UsageWriter;
//           the lease is settled with the real cost, in memory.
//
// Streams: usage comes from the final result's usage when the provider
// reported it; otherwise (cut, cancelled by the consumer, or no usage frame)
// from counted tokens: content bytes / 4 as output, the expected input
// tokens (or the messages' bytes / 4) as input, once any event arrived. A
// cut stream is a failed attempt however much it delivered.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "gateway/call_observer.hpp"
#include "gateway/provider_call.hpp"
#include "gateway/usage_meter.hpp"
#include "governance/budget_leases.hpp"
#include "governance/tenant_directory.hpp"
#include "governance/usage_writer.hpp"
#include "pricing/cost.hpp"
#include "routing/router.hpp"

namespace aihost::gateway {

struct MeteredCallerOptions {
  // AI_ALLOW_UNPRICED: admit models without a price for tenants that have
  // a budget.
  bool allow_unpriced = false;
  // A tenant's negotiated prices, or null. Optional.
  std::function<std::shared_ptr<const pricing::TenantPrices>(
      const std::string& tenant_id)>
      tenant_prices;
  governance::LogFn log = governance::log_to_stderr;
  std::function<int64_t()> now_ms;  // epoch ms for usage rows; default: now
};

class MeteredCaller : public ProviderCaller {
 public:
  MeteredCaller(routing::Router& router, governance::TenantDirectory& directory,
                const pricing::CostCalculator& calculator,
                governance::BudgetLeases& leases,
                governance::UsageWriter& writer,
                MeteredCallerOptions options = {},
                CallObserver* observer = nullptr);

  CallReport call(const ProviderCall& call) override;
  CallReport stream(
      const ProviderCall& call,
      const std::function<bool(const nlohmann::json&)>& on_event) override;
  bool offers(const ProviderCall& call,
              const std::string& extension_id) override;

 private:
  struct Admitted;
  routing::Route route(const ProviderCall& call) const;
  void admit(const ProviderCall& call, const routing::Route& route,
             Admitted& out);
  // Meters, settles and reports a finished attempt.
  void finish(const ProviderCall& call, Admitted& admitted, CallReport& report,
              const MeteredUsage& usage, const std::string& api_key);

  routing::Router& router_;
  governance::TenantDirectory& directory_;
  const pricing::CostCalculator& calculator_;
  governance::BudgetLeases& leases_;
  governance::UsageWriter& writer_;
  MeteredCallerOptions options_;
  CallObserver* observer_;
};

}  // namespace aihost::gateway
