// The head of a request the egress sends upstream, written as bytes.
//
// Poco's HTTPClientSession::sendRequest built a header map and wrote it
// through an output stream (~2.5% of the CPU of a proxied chat
// completion); the egress already framed the body and held the writes to
// send head and body together, so it now writes the head itself.
#pragma once

#include "net/connection_pool.hpp"
#include "net/http_types.hpp"

#include <string>

namespace aihost::net {

// "METHOD target HTTP/1.1", Host (unless the caller gave one), the caller's
// fields but the framing and connection ones the egress owns,
// Content-Length for a body (and for POST, PUT and PATCH without one),
// "Connection: keep-alive", and the blank line. The request was validated
// before (method token, field names, no CR or LF in values).
std::string request_head(const Request& request, const std::string& target,
                         const Origin& origin);

// Whether the egress, not the caller, writes this field.
bool egress_owned(const std::string& name);

}  // namespace aihost::net
