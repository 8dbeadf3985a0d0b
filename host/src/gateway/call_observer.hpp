// A hook for whoever counts provider calls (metrics): told once per metered
// attempt, after its usage was recorded. Called on the calling thread, so
// an implementation must be quick and thread-safe, and must not throw.
#pragma once

#include <cstdint>
#include <string>

#include <aihost/plugin.h>

namespace aihost::gateway {

class CallObserver {
 public:
  virtual ~CallObserver() = default;
  // `cost_usd` is 0 for an unpriced call; `provider_ms` the time spent in
  // the plugin call, retries inside the host egress included.
  virtual void observe(const std::string& provider, const std::string& model,
                       const std::string& operation, aihost_status status,
                       int64_t provider_ms, double cost_usd) = 0;
};

}  // namespace aihost::gateway
