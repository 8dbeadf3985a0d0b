// Structured logs of the API: one JSON object per line on stderr. They
// carry ids, routes, statuses and timings; never headers, bodies, keys or
// query strings (which may hold anything a client put there).
#pragma once

#include "api/exchange.hpp"

#include <string>

namespace aihost::api {

// One line per answered request.
void log_request(const Exchange& ex, int status);
// A handler failure the client sees only as a 500.
void log_failure(const Exchange& ex, const std::string& detail);

}  // namespace aihost::api
