// Reads an HTTP/1.1 response body off a connection. Done here rather than
// through Poco's response stream because that stream takes a connection
// closed in the middle of a chunked body for a normal end, and a cut stream
// must never pass for a complete one.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace aihost::net {

enum class Framing {
  none,         // HEAD, 1xx, 204, 304: no body whatever the headers say
  length,       // Content-Length
  chunked,      // Transfer-Encoding: chunked
  until_close,  // neither: the body ends with the connection
};

enum class BodyEnd {
  complete,
  aborted,    // the consumer asked to stop
  too_large,  // more than the limit
  cut,        // the connection ended before the body did
  malformed,  // invalid chunked encoding
};

// Returns up to `length` raw bytes, 0 at the end of the connection; throws
// on transport errors.
using RawRead = std::function<int(char* buffer, int length)>;

// Delivers the decoded body to `on_data` piece by piece, as bytes arrive.
// `overread`, when given, is set when bytes came after a complete body: the
// connection is then out of step with its peer and must not be reused.
BodyEnd read_body(const RawRead& read, Framing framing, int64_t length,
                  int64_t limit,
                  const std::function<bool(std::string_view)>& on_data,
                  bool* overread = nullptr);

}  // namespace aihost::net
