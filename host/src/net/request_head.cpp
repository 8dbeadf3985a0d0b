#include "net/request_head.hpp"

#include "net/http_text.hpp"

namespace aihost::net {
namespace {

// The Host field: an IPv6 literal in brackets, the port unless it is the
// scheme's default.
void append_host(std::string& out, const Origin& origin) {
  const bool ipv6 = origin.host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += origin.host;
  if (ipv6) out += ']';
  const uint16_t default_port = origin.scheme == "https" ? 443 : 80;
  if (origin.port != default_port) (out += ':') += std::to_string(origin.port);
}

}  // namespace

bool egress_owned(const std::string& name) {
  for (const char* own : {"Content-Length", "Transfer-Encoding", "Connection"})
    if (iequals(name, own)) return true;
  return false;
}

std::string request_head(const Request& request, const std::string& target,
                         const Origin& origin) {
  std::string out;
  out.reserve(256 + 64 * request.headers.size());
  ((out += request.method) += ' ') += target;
  out += " HTTP/1.1\r\n";
  if (!find_header(request.headers, "Host")) {
    out += "Host: ";
    append_host(out, origin);
    out += "\r\n";
  }
  for (const Header& h : request.headers) {
    if (egress_owned(h.name)) continue;
    (((out += h.name) += ": ") += h.value) += "\r\n";
  }
  if (!request.body.empty() || request.method == "POST" ||
      request.method == "PUT" || request.method == "PATCH")
    ((out += "Content-Length: ") += std::to_string(request.body.size())) +=
        "\r\n";
  out += "Connection: keep-alive\r\n\r\n";
  return out;
}

}  // namespace aihost::net
