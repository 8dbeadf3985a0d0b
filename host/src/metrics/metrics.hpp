// The product's metrics: HTTP requests, the gateway's own overhead, provider
// calls (count, latency, errors, cost) and jobs. One instance per process,
// shared by the API server (through its request observer), the governed
// provider caller and the job workers.
//
// Label values are bounded by construction where the process chooses them
// (route patterns, not paths; operation ids; error codes); provider and
// model names come from configuration and are capped per family.
#pragma once

#include "metrics/registry.hpp"

#include <functional>
#include <optional>
#include <string>

namespace aihost::metrics {

// Seconds, from 100 µs (the gateway's own overhead) to 10 s (a long
// provider call).
const std::vector<double>& latency_buckets();

class Metrics {
 public:
  Metrics();

  // One answered HTTP request. `route` is the matched pattern ("unmatched"
  // for a 404), never the raw path. The overhead is duration minus the time
  // spent waiting for providers.
  void observe_request(const std::string& method, const std::string& route,
                       int status, double duration_ms, double provider_ms);

  // One provider call attempt. `status` is "ok" for a success, else the
  // error code ("rate_limited", "unavailable", ...), which is counted in
  // aihost_provider_errors_total. An unpriced call adds no cost.
  void observe_provider_call(const std::string& provider,
                             const std::string& model,
                             const std::string& operation,
                             const std::string& status, double provider_ms,
                             std::optional<double> cost_usd);

  // A job reaching a final state ("succeeded", "failed", "cancelled").
  void observe_job(const std::string& job_type, const std::string& status);

  void set_queue_depth_source(std::function<double()> source);
  void set_in_flight_source(std::function<double()> source);

  std::string expose() const { return registry_.expose(); }
  Registry& registry() { return registry_; }

 private:
  Registry registry_;
  CounterFamily& http_requests_;
  HistogramFamily& http_duration_;
  HistogramFamily& overhead_;
  CounterFamily& provider_requests_;
  HistogramFamily& provider_latency_;
  CounterFamily& provider_errors_;
  CounterFamily& cost_;
  CallbackGauge& queue_depth_;
  CallbackGauge& in_flight_;
  CounterFamily& jobs_;
};

}  // namespace aihost::metrics
