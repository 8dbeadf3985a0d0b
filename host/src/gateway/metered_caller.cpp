#include "gateway/metered_caller.hpp"

#include <chrono>

#include "gateway/refusals.hpp"
#include "governance/governance_error.hpp"
#include "pricing/price_error.hpp"
#include "routing/routing_error.hpp"
#include "security/secret.hpp"
#include "storage/storage_error.hpp"

namespace aihost::gateway {

using nlohmann::json;

namespace {

int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The model the call asks for: its own "model" param, else the routed one.
std::string requested_model(const ProviderCall& call,
                            const routing::Route& route) {
  auto it = call.invocation.params.find("model");
  if (it != call.invocation.params.end() && it->is_string() &&
      !it->get_ref<const std::string&>().empty())
    return it->get<std::string>();
  return route.resolved.model;
}

// The model a result says answered (a dated snapshot), else `fallback`.
std::string answered_model(const plugins::Outcome& outcome,
                           const std::string& fallback) {
  if (outcome.ok() && outcome.result.is_object())
    if (auto it = outcome.result.find("model");
        it != outcome.result.end() && it->is_string() &&
        !it->get_ref<const std::string&>().empty())
      return it->get<std::string>();
  return fallback;
}

void check_call(const ProviderCall& call) {
  if (call.tenant_id.empty())
    throw GatewayError("invalid_request", 400, "a call needs a tenant");
  if (!call.invocation.operation.empty() &&
      call.invocation.operation != call.capability)
    throw GatewayError(
        "invalid_request", 400,
        "the invocation's operation '" + call.invocation.operation +
            "' differs from the capability '" + call.capability + "'");
  if (!call.invocation.params.is_object())
    throw GatewayError("invalid_request", 400,
                       "the call's params must be a JSON object");
}

plugins::Outcome internal_failure(const std::string& what) {
  plugins::Outcome o;
  o.status = AIHOST_INTERNAL;
  o.message = "the plugin call failed inside the host: " + what;
  return o;
}

}  // namespace

// A call between admission and settlement. Whatever happens in between,
// the budget hold is given back if nothing settled it.
struct MeteredCaller::Admitted {
  governance::BudgetLeases* leases = nullptr;
  governance::BudgetHold hold;
  std::string model;
  std::shared_ptr<const pricing::TenantPrices> prices;
  pricing::Cost estimate;

  Admitted() = default;
  Admitted(const Admitted&) = delete;
  Admitted& operator=(const Admitted&) = delete;
  ~Admitted() {
    if (leases && hold.open) try {
        leases->release(hold);
      } catch (...) {
        // Logged by the leases; a destructor must not throw.
      }
  }
};

MeteredCaller::MeteredCaller(routing::Router& router,
                             governance::TenantDirectory& directory,
                             const pricing::CostCalculator& calculator,
                             governance::BudgetLeases& leases,
                             governance::UsageWriter& writer,
                             MeteredCallerOptions options,
                             CallObserver* observer)
    : router_(router),
      directory_(directory),
      calculator_(calculator),
      leases_(leases),
      writer_(writer),
      options_(std::move(options)),
      observer_(observer) {
  if (!options_.log) options_.log = governance::log_to_stderr;
  if (!options_.now_ms) options_.now_ms = system_now_ms;
}

routing::Route MeteredCaller::route(const ProviderCall& call) const {
  check_call(call);
  try {
    return router_.route(
        {call.tenant_id, call.capability, call.provider, call.feature});
  } catch (const routing::RoutingError& e) {
    throw refusal_from(e);
  } catch (const storage::StorageError& e) {
    throw refusal_from(e);
  }
}

void MeteredCaller::admit(const ProviderCall& call, const routing::Route& route,
                          Admitted& out) {
  const std::string& provider = route.resolved.provider;
  out.model = requested_model(call, route);
  try {
    if (options_.tenant_prices)
      out.prices = options_.tenant_prices(call.tenant_id);
    auto features = directory_.features(call.tenant_id);
    const std::optional<int64_t> budget = features->monthly_budget_micros;
    out.estimate = calculator_.estimate(provider, out.model, call.expected,
                                        out.prices.get());
    int64_t amount = out.estimate.micro_usd;
    if (!out.estimate.priced()) {
      if (budget && !options_.allow_unpriced)
        throw GatewayError("model_unpriced", 422,
                           "model '" + out.model + "' of provider '" +
                               provider + "' has no price, and tenant '" +
                               call.tenant_id +
                               "' has a budget (AI_ALLOW_UNPRICED is off): " +
                               out.estimate.reason);
      options_.log("admitting an unpriced call for tenant '" + call.tenant_id +
                   "': " + out.estimate.reason);
      amount = 0;
    }
    out.leases = &leases_;
    out.hold = leases_.admit(call.tenant_id, budget, amount);
  } catch (const governance::GovernanceError& e) {
    throw refusal_from(e);
  } catch (const storage::StorageError& e) {
    throw refusal_from(e);
  } catch (const pricing::PriceTableError& e) {
    throw GatewayError("invalid_price_table", 500, e.what());
  }
}

void MeteredCaller::finish(const ProviderCall& call, Admitted& admitted,
                           CallReport& report, const MeteredUsage& metered,
                           const std::string& api_key) {
  const plugins::Outcome& o = report.outcome;
  report.model = answered_model(o, admitted.model);
  report.cost = calculator_.cost(report.provider, report.model, metered.usage,
                                 call.shape, admitted.prices.get());
  // What the provider bills: nothing for an attempt that did no work.
  if (metered.source == "none" && report.cost.priced()) {
    report.cost.usd = 0;
    report.cost.micro_usd = 0;
  }
  int64_t actual = report.cost.priced() ? report.cost.micro_usd : 0;
  try {
    leases_.settle(admitted.hold, actual);
  } catch (const std::exception& e) {
    options_.log("settling the budget of tenant '" + call.tenant_id +
                 "' failed: " + e.what());
  }
  if (!report.cost.priced() && o.ok())
    options_.log("unpriced " + call.capability + " call for tenant '" +
                 call.tenant_id + "': " + report.cost.reason);

  // The plugin keeps keys out of its messages; this makes sure.
  report.outcome.message = scrub(report.outcome.message, api_key);
  storage::UsageLog row =
      usage_row(call, report, metered, api_key, options_.now_ms());
  if (call.usage_sink)
    call.usage_sink->add(std::move(row));
  else
    writer_.add(std::move(row));
  if (observer_)
    observer_->observe(report.provider, report.model, call.capability, o.status,
                       report.provider_ms,
                       report.cost.priced() ? report.cost.usd : 0.0);
}

CallReport MeteredCaller::call(const ProviderCall& call) {
  routing::Route route = this->route(call);
  Admitted admitted;
  admit(call, route, admitted);

  plugins::Invocation invocation = call.invocation;
  invocation.operation = call.capability;
  invocation.api_key = route.resolved.api_key.reveal();

  CallReport report;
  report.provider = route.resolved.provider;
  const auto started = std::chrono::steady_clock::now();
  try {
    report.outcome = route.instance->invoke(invocation, call.options);
  } catch (const std::exception& e) {
    report.outcome = internal_failure(e.what());
  }
  report.provider_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  security::wipe(invocation.api_key);

  MeteredUsage metered;
  if (reported_usage(report.outcome, metered.usage))
    metered.source = "provider";
  finish(call, admitted, report, metered, route.resolved.api_key.reveal());
  return report;
}

CallReport MeteredCaller::stream(
    const ProviderCall& call,
    const std::function<bool(const json&)>& on_event) {
  if (call.capability != AIHOST_OP_LLM_CHAT)
    throw GatewayError("invalid_request", 400,
                       "only llm.chat streams, not '" + call.capability + "'");
  routing::Route route = this->route(call);
  if (!route.instance->streams())
    throw GatewayError("stream_unsupported", 422,
                       "provider '" + route.resolved.provider +
                           "' does not stream chat answers");
  Admitted admitted;
  admit(call, route, admitted);

  plugins::Invocation invocation = call.invocation;
  invocation.operation = call.capability;
  invocation.api_key = route.resolved.api_key.reveal();

  StreamTally tally;
  auto relay = [&](const json& event) {
    tally.add(event);
    return on_event(event);
  };
  CallReport report;
  report.provider = route.resolved.provider;
  const auto started = std::chrono::steady_clock::now();
  try {
    report.outcome =
        route.instance->chat_stream(invocation, relay, call.options);
  } catch (const std::exception& e) {
    report.outcome = internal_failure(e.what());
  }
  report.provider_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  security::wipe(invocation.api_key);

  MeteredUsage metered;
  sdk::Usage reported;
  if (reported_usage(report.outcome, reported) &&
      (reported.input_tokens > 0 || reported.output_tokens > 0)) {
    metered.usage = reported;
    metered.source = "provider";
  } else if (tally.events() > 0) {
    // The provider did the work it streamed (and read the prompt) but
    // never said how much: count it.
    metered.usage.input_tokens =
        call.expected.input_tokens > 0
            ? call.expected.input_tokens
            : approx_prompt_tokens(call.invocation.params);
    metered.usage.output_tokens = tally.approx_tokens();
    metered.source = "counted";
  }
  finish(call, admitted, report, metered, route.resolved.api_key.reveal());
  return report;
}

bool MeteredCaller::offers(const ProviderCall& call,
                           const std::string& extension_id) {
  routing::Route route = this->route(call);
  return route.instance->library().extension(extension_id.c_str()) != nullptr;
}

}  // namespace aihost::gateway
