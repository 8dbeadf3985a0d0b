// The TLS client settings of the egress: peer verification always on,
// against the system CA store plus an optional extra CA file.
#pragma once

#include "net/http_types.hpp"

#include <Poco/Net/Context.h>

#include <string>

namespace aihost::net {

// Throws std::runtime_error naming the file when a CA source is unusable.
Poco::Net::Context::Ptr make_client_tls_context(const UpstreamPolicy& policy);

// Why the last certificate verification on this thread failed (e.g.
// "self-signed certificate"), or "" when none failed. Reading clears it.
std::string take_verification_error();

}  // namespace aihost::net
