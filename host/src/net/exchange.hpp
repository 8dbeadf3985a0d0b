// One HTTP exchange with an upstream: take a connection from the pool, send
// the request, read the response. The retry loop in Egress decides what to
// do with the outcome.
#pragma once

#include "net/call_watchdog.hpp"
#include "net/connection_pool.hpp"
#include "net/http_types.hpp"

#include <string>
#include <vector>

namespace aihost::net {

struct Response {
  int status = 0;
  std::vector<Header> headers;
  std::string body;
};

struct Exchange {
  enum class Kind {
    delivered,  // the response went to the sink (a streamed 2xx)
    held,       // a complete response, not yet given to the sink
    failed,     // no usable response
  };
  Kind kind = Kind::failed;
  Response response;       // held
  Failure failure;         // failed
  bool retryable = false;  // failed: a new attempt may succeed
  std::string reason;      // failed: short cause, for traces
  bool reused = false;     // served by a pooled connection
};

struct ExchangeContext {
  const Request& request;
  const Origin& origin;
  const std::string& target;  // path and query
  const UpstreamPolicy& policy;
  ConnectionPool& pool;
  CallWatchdog& watchdog;
  const CallControl& call;
  Clock::time_point deadline;
  const Sink& sink;
};

// A request that fails on a pooled connection before any response arrived
// is sent once more on a new connection: the peer may have closed the idle
// connection just as it was taken, and then it never saw the request.
Exchange exchange(const ExchangeContext& x);

}  // namespace aihost::net
