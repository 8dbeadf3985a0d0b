// The head of an upstream's HTTP/1.x response: status line and header
// fields, read from the connection's bytes by the egress itself.
//
// Poco's HTTPClientSession::receiveResponse reads a head through two
// stream buffers a character at a time and keeps its fields in a
// case-insensitive list map: ~8% of the CPU of a proxied chat completion,
// for the dozen fields an API answer carries. This parser reads the bytes
// once and keeps the fields in the egress's own Header vector.
#pragma once

#include "net/http_types.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace aihost::net {

struct ResponseHead {
  int status = 0;
  int minor_version = 1;  // HTTP/1.<minor_version>
  std::vector<Header> headers;
  bool chunked = false;         // Transfer-Encoding ends in "chunked"
  bool other_coding = false;    // Transfer-Encoding without a final chunked
  int64_t content_length = -1;  // -1: no Content-Length
  bool keep_alive = true;       // the connection may carry another request
};

// A head longer than this, or with more fields, is refused.
constexpr size_t kMaxResponseHeadBytes = 64 * 1024;
constexpr size_t kMaxResponseHeadFields = 100;

// The length of the head at the start of `bytes` (through the blank line
// that ends it; lines may end in CRLF or LF), or nothing while it is
// incomplete. `scanned`: how many bytes an earlier call already looked at,
// so that a head arriving in pieces is scanned once.
std::optional<size_t> response_head_length(std::string_view bytes,
                                           size_t scanned = 0);

// Parses a complete head as response_head_length() delimits it. Throws
// Poco::Net::MessageException naming what is wrong.
ResponseHead parse_response_head(std::string_view head);

}  // namespace aihost::net
