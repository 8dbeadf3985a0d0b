// The host's HTTP egress: the only way plugins reach the network (DESIGN.md
// §4 rule 5), so that timeouts, TLS, retries and pooling live in one place.
#pragma once

#include "net/http_types.hpp"

#include <optional>

namespace aihost::net {

class Egress {
 public:
  explicit Egress(UpstreamPolicy policy = {});
  ~Egress();
  Egress(const Egress&) = delete;
  Egress& operator=(const Egress&) = delete;

  // Sends `request`, retrying as the policy allows, and delivers the final
  // response to `sink`. Returns nothing once a response was delivered
  // (whatever its HTTP status), or the transport failure.
  std::optional<Failure> send(const Request& request, const Sink& sink,
                              const CallControl& call) const;

  const UpstreamPolicy& policy() const { return policy_; }

 private:
  UpstreamPolicy policy_;
};

}  // namespace aihost::net
