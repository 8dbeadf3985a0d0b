// Routing as the pipeline sees it: one call from (tenant, capability) to a
// ready plugin instance and the per-call key.
#pragma once

#include <memory>

#include "routing/config_resolver.hpp"
#include "routing/provider_factory.hpp"

namespace aihost::routing {

struct Route {
  ResolvedProvider resolved;
  std::shared_ptr<plugins::ProviderInstance> instance;
};

class Router {
 public:
  Router(ConfigResolver& resolver, ProviderFactory& factory)
      : resolver_(resolver), factory_(factory) {}

  // Throws RoutingError (see config_resolver.hpp) or StorageError.
  Route route(const RouteRequest& request) const {
    Route r{resolver_.resolve(request), nullptr};
    r.instance = factory_.instance_for(r.resolved);
    return r;
  }

 private:
  ConfigResolver& resolver_;
  ProviderFactory& factory_;
};

}  // namespace aihost::routing
