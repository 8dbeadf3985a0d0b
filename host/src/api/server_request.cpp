#include "api/server_request.hpp"

#include "net/http_text.hpp"

#include <Poco/Net/HTTPChunkedStream.h>
#include <Poco/Net/HTTPFixedLengthStream.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <string>
#include <string_view>

namespace aihost::api {
namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw Poco::Net::MessageException("malformed request head: " + what);
}

}  // namespace

ServerRequest::ServerRequest(Poco::Net::HTTPServerSession& session,
                             NextByte next,
                             Poco::Net::HTTPServerResponse& response,
                             const Poco::Net::HTTPServerParams& params)
    : session_(session), next_(next), response_(response), params_(params) {
  read_request_line();
  read_fields();
  open_body();
}

ServerRequest::~ServerRequest() = default;

// One line without its CRLF (or LF). False only when `first` and the
// connection ended before any byte of the head.
bool ServerRequest::read_line(std::string& line, size_t max, bool first) {
  line.clear();
  for (;;) {
    const int c = next_(session_);
    if (c < 0) {
      if (first && line.empty()) return false;
      malformed("the connection ended within it");
    }
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() >= max) malformed("a line over its limit");
    line += static_cast<char>(c);
  }
}

// "METHOD target HTTP/1.x"; empty lines before it are skipped, as RFC 9112
// asks of servers.
void ServerRequest::read_request_line() {
  std::string line;
  const size_t max = kMaxMethod + kMaxTarget + 16;
  bool first = true;
  for (int skipped = 0;; ++skipped) {
    if (!read_line(line, max, first)) throw Poco::Net::NoMessageException();
    first = false;
    if (!line.empty()) break;
    if (skipped == 4) malformed("no request line");
  }
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string::npos || line.find(' ', sp2 + 1) != std::string::npos)
    malformed("the request line is not 'method target version'");
  const std::string_view text(line);
  const std::string_view method = text.substr(0, sp1);
  const std::string_view target = text.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = text.substr(sp2 + 1);
  if (method.size() > kMaxMethod || !net::is_http_token(method))
    malformed("invalid method");
  if (target.empty() || target.size() > kMaxTarget)
    malformed("invalid request target");
  for (char c : target)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
      malformed("invalid request target");
  if (version.substr(0, 5) != "HTTP/" || version.size() > 8)
    malformed("invalid HTTP version");
  setMethod(std::string(method));
  setURI(std::string(target));
  setVersion(std::string(version));
}

void ServerRequest::read_fields() {
  std::string line;
  size_t fields = 0;
  for (;;) {
    read_line(line, kMaxFieldName + kMaxFieldValue + 8, false);
    if (line.empty()) return;
    if (line.front() == ' ' || line.front() == '\t')
      malformed("obsolete line folding");
    const size_t colon = line.find(':');
    if (colon == std::string::npos) malformed("a field line without a colon");
    const std::string_view name = std::string_view(line).substr(0, colon);
    if (name.size() > kMaxFieldName || !net::is_http_token(name))
      malformed("invalid field name");
    const std::string_view value =
        net::trim_ows(std::string_view(line).substr(colon + 1));
    if (value.size() > kMaxFieldValue) malformed("a field value over 8 KB");
    if (++fields > kMaxFields) malformed("more than 100 fields");
    add(std::string(name), std::string(value));
  }
}

// Framing as RFC 9112 section 6.3 has a server decide it, refusing what a
// proxy in front might read otherwise.
void ServerRequest::open_body() {
  const std::string* length = nullptr;
  const std::string* coding = nullptr;
  for (const auto& [name, value] : *this) {
    if (net::iequals(name, "Content-Length")) {
      if (length && *length != value)
        malformed("conflicting Content-Length fields");
      length = &value;
    } else if (net::iequals(name, "Transfer-Encoding")) {
      if (coding) malformed("more than one Transfer-Encoding field");
      coding = &value;
    }
  }
  if (coding && length) malformed("both Content-Length and Transfer-Encoding");
  if (coding) {
    if (!net::iequals(net::trim_ows(*coding), "chunked"))
      malformed("a transfer coding other than chunked");
    body_ = std::make_unique<Poco::Net::HTTPChunkedInputStream>(session_);
    return;
  }
  if (length) {
    const auto n = net::parse_content_length(*length);
    if (!n) malformed("invalid Content-Length");
    body_ =
        std::make_unique<Poco::Net::HTTPFixedLengthInputStream>(session_, *n);
    return;
  }
  // Neither: a request without a body (RFC 9112 section 6.3, rule 7).
  // Poco read one to the end of the connection, which left a keep-alive
  // client that sent a bodiless POST waiting.
  body_ = std::make_unique<Poco::Net::HTTPFixedLengthInputStream>(session_, 0);
}

const Poco::Net::SocketAddress& ServerRequest::clientAddress() const {
  if (!client_address_) client_address_ = session_.clientAddress();
  return *client_address_;
}

const Poco::Net::SocketAddress& ServerRequest::serverAddress() const {
  if (!server_address_) server_address_ = session_.serverAddress();
  return *server_address_;
}

bool ServerRequest::secure() const { return session_.socket().secure(); }

}  // namespace aihost::api
