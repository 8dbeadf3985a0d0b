// The host's HTTP egress: the only way plugins reach the network (DESIGN.md
// §4 rule 5), so that timeouts, TLS, retries and pooling live in one place.
#pragma once

#include "net/http_types.hpp"

#include <memory>
#include <optional>

namespace aihost::net {

class CallWatchdog;
class ConnectionPool;

// Thread-safe: any number of threads may send through one Egress.
class Egress {
 public:
  explicit Egress(UpstreamPolicy policy = {});
  ~Egress();
  Egress(const Egress&) = delete;
  Egress& operator=(const Egress&) = delete;

  // Sends `request`, retrying as the policy allows, and delivers the final
  // response to `sink`. Returns nothing once a response was delivered
  // (whatever its HTTP status), or the transport failure. A streamed 2xx
  // goes to the sink as it arrives; if the stream is then cut, the sink has
  // the part that came and the result is AIHOST_UNAVAILABLE.
  std::optional<Failure> send(const Request& request, const Sink& sink,
                              const CallControl& call) const;

  const UpstreamPolicy& policy() const { return policy_; }

 private:
  UpstreamPolicy policy_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<CallWatchdog> watchdog_;
};

}  // namespace aihost::net
