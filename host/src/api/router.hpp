// The route table. A pattern is a path whose segments are literal or
// "{name}" (one segment, bound as a path parameter); literals win over
// parameters. Each route has an access level, checked before its handler.
// Everything a handler throws is answered as a JSON error here, and every
// request, answered or refused, is logged and observed once.
#pragma once

#include "api/access.hpp"
#include "api/authenticator.hpp"
#include "api/exchange.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace aihost::api {

using Handler = std::function<void(Exchange&)>;

// What the router reports of each request once it is answered.
struct RequestRecord {
  std::string method;
  std::string route;  // the pattern, or "unmatched"
  int status = 0;
  double duration_ms = 0;
  double provider_ms = 0;
};
using RequestObserver = std::function<void(const RequestRecord&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, Access access,
           Handler handler);

  void set_authenticator(std::shared_ptr<const Authenticator> auth) {
    auth_ = std::move(auth);
  }
  void set_observer(RequestObserver observer) {
    observer_ = std::move(observer);
  }

  // Finds the route, authenticates, runs the handler, answers errors:
  // 404 for an unknown path, 405 (with Allow) for a known path with another
  // method, ApiError as itself, anything else as 500 (logged, not shown).
  void dispatch(Exchange& exchange) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Access access;
    Handler handler;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  void run(const Route& route, Exchange& ex) const;

  std::vector<Route> routes_;
  std::shared_ptr<const Authenticator> auth_;
  RequestObserver observer_;
};

}  // namespace aihost::api
