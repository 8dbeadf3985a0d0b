// The route table: exact method + path matches. Route groups register
// themselves (routes.hpp); the server only dispatches.
#pragma once

#include "api/exchange.hpp"

#include <functional>
#include <string>
#include <vector>

namespace aihost::api {

using Handler = std::function<void(Exchange&)>;

class Router {
 public:
  void add(std::string method, std::string path, Handler handler);

  // Runs the matching handler; 404 for an unknown path, 405 (with Allow)
  // for a known path with another method, 500 when a handler throws.
  void dispatch(Exchange& exchange) const;

 private:
  struct Route {
    std::string method;
    std::string path;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace aihost::api
