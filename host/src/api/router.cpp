#include "api/router.hpp"

#include <Poco/URI.h>

#include <iostream>

namespace aihost::api {

void Router::add(std::string method, std::string path, Handler handler) {
  routes_.push_back({std::move(method), std::move(path), std::move(handler)});
}

void Router::dispatch(Exchange& ex) const {
  std::string path;
  try {
    path = Poco::URI(ex.request.getURI()).getPath();
  } catch (const Poco::Exception&) {
    ex.send_error(400, "invalid_request", "malformed request target");
    return;
  }
  std::string allowed;
  for (const auto& route : routes_) {
    if (route.path != path) continue;
    if (route.method != ex.request.getMethod()) {
      allowed += (allowed.empty() ? "" : ", ") + route.method;
      continue;
    }
    try {
      route.handler(ex);
    } catch (const std::exception& e) {
      // The detail goes to the log only: it may name internals.
      std::cerr << "aihost: " << ex.request_id << " " << route.method << " "
                << path << " failed: " << e.what() << std::endl;
      if (!ex.response.sent()) ex.send_error(500, "internal", "internal error");
    }
    return;
  }
  if (!allowed.empty()) {
    ex.response.set("Allow", allowed);
    ex.send_error(405, "method_not_allowed",
                  ex.request.getMethod() + " is not allowed on " + path);
    return;
  }
  ex.send_error(404, "not_found", "no route for " + path);
}

}  // namespace aihost::api
