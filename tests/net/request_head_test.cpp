// The request head the egress writes upstream.
#include "net/request_head.hpp"

#include <catch2/catch.hpp>

using namespace aihost::net;

namespace {

Origin origin(std::string scheme, std::string host, uint16_t port) {
  Origin o;
  o.scheme = std::move(scheme);
  o.host = std::move(host);
  o.port = port;
  return o;
}

}  // namespace

TEST_CASE("a POST's head: host, the caller's fields, framing") {
  Request r;
  r.method = "POST";
  r.headers = {{"Authorization", "Bearer k"},
               {"content-length", "999"},
               {"Transfer-Encoding", "chunked"},
               {"Connection", "close"},
               {"Content-Type", "application/json"}};
  r.body = R"({"a":1})";
  CHECK(request_head(r, "/v1/chat/completions?x=1",
                     origin("http", "127.0.0.1", 8080)) ==
        "POST /v1/chat/completions?x=1 HTTP/1.1\r\n"
        "Host: 127.0.0.1:8080\r\n"
        "Authorization: Bearer k\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 7\r\n"
        "Connection: keep-alive\r\n\r\n");
}

TEST_CASE("the Host field: default ports left out, IPv6 in brackets") {
  Request get;
  auto host_of = [&](const Origin& o) {
    const std::string head = request_head(get, "/", o);
    const size_t at = head.find("Host: ") + 6;
    return head.substr(at, head.find("\r\n", at) - at);
  };
  CHECK(host_of(origin("http", "api.example", 80)) == "api.example");
  CHECK(host_of(origin("https", "api.example", 443)) == "api.example");
  CHECK(host_of(origin("http", "api.example", 443)) == "api.example:443");
  CHECK(host_of(origin("https", "api.example", 80)) == "api.example:80");
  CHECK(host_of(origin("http", "::1", 9000)) == "[::1]:9000");
  get.headers = {{"host", "other.example"}};
  const std::string head =
      request_head(get, "/", origin("http", "127.0.0.1", 80));
  CHECK(head.find("Host: 127.0.0.1") == std::string::npos);
  CHECK(head.find("host: other.example\r\n") != std::string::npos);
}

TEST_CASE("Content-Length: for a body, and for POST, PUT and PATCH") {
  const Origin o = origin("http", "h", 80);
  auto head_of = [&](const char* method, const char* body) {
    Request r;
    r.method = method;
    r.body = body;
    return request_head(r, "/", o);
  };
  CHECK(head_of("GET", "").find("Content-Length") == std::string::npos);
  CHECK(head_of("DELETE", "x").find("Content-Length: 1\r\n") !=
        std::string::npos);
  for (const char* method : {"POST", "PUT", "PATCH"})
    CHECK(head_of(method, "").find("Content-Length: 0\r\n") !=
          std::string::npos);
}
