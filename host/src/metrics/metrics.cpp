#include "metrics/metrics.hpp"

#include <algorithm>

namespace aihost::metrics {

const std::vector<double>& latency_buckets() {
  static const std::vector<double> kBounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
  return kBounds;
}

Metrics::Metrics()
    : http_requests_(registry_.counter(
          "aihost_http_requests_total",
          "HTTP requests answered, by method, route pattern and status.",
          {"method", "route", "status"})),
      http_duration_(registry_.histogram(
          "aihost_http_request_duration_seconds",
          "Time from request to response, including provider calls.",
          {"method", "route"}, latency_buckets())),
      overhead_(registry_.histogram(
          "aihost_gateway_overhead_seconds",
          "Time the gateway itself adds: request duration minus the time "
          "spent waiting for providers.",
          {"route"}, latency_buckets())),
      provider_requests_(
          registry_.counter("aihost_provider_requests_total",
                            "Provider call attempts, by outcome (ok or error).",
                            {"provider", "model", "operation", "status"})),
      provider_latency_(registry_.histogram("aihost_provider_latency_seconds",
                                            "Time spent inside provider calls.",
                                            {"provider", "model", "operation"},
                                            latency_buckets())),
      provider_errors_(registry_.counter(
          "aihost_provider_errors_total",
          "Failed provider call attempts, by the API's error code.",
          {"provider", "model", "operation", "code"})),
      cost_(registry_.counter(
          "aihost_cost_usd_total",
          "Cost of priced provider calls in US dollars (unpriced calls are "
          "not counted).",
          {"provider", "model", "operation"})),
      queue_depth_(registry_.gauge("aihost_jobs_queue_depth",
                                   "Jobs waiting to be claimed by a worker.")),
      in_flight_(registry_.gauge("aihost_jobs_in_flight",
                                 "Jobs being worked on right now.")),
      jobs_(registry_.counter("aihost_jobs_total",
                              "Jobs that reached a final state.",
                              {"job_type", "status"})) {}

void Metrics::observe_request(const std::string& method,
                              const std::string& route, int status,
                              double duration_ms, double provider_ms) {
  http_requests_.with({method, route, std::to_string(status)}).inc();
  http_duration_.with({method, route}).observe(duration_ms / 1000.0);
  overhead_.with({route}).observe(std::max(0.0, duration_ms - provider_ms) /
                                  1000.0);
}

void Metrics::observe_provider_call(const std::string& provider,
                                    const std::string& model,
                                    const std::string& operation,
                                    const std::string& status,
                                    double provider_ms,
                                    std::optional<double> cost_usd) {
  const bool ok = status == "ok";
  provider_requests_.with({provider, model, operation, ok ? "ok" : "error"})
      .inc();
  provider_latency_.with({provider, model, operation})
      .observe(provider_ms / 1000.0);
  if (!ok) provider_errors_.with({provider, model, operation, status}).inc();
  if (cost_usd) cost_.with({provider, model, operation}).inc(*cost_usd);
}

void Metrics::observe_job(const std::string& job_type,
                          const std::string& status) {
  jobs_.with({job_type, status}).inc();
}

void Metrics::set_queue_depth_source(std::function<double()> source) {
  queue_depth_.set_source(std::move(source));
}

void Metrics::set_in_flight_source(std::function<double()> source) {
  in_flight_.set_source(std::move(source));
}

}  // namespace aihost::metrics
