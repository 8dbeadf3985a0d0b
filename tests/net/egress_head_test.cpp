// Response heads as upstreams send them, over a real connection: in pieces,
// with interim answers, malformed, too long, and with the connection's fate
// decided by them.
#include "egress_support.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace aihost::net;
using namespace aihost::net::testing;
using aihost::fakes::FakeResponse;
using aihost::fakes::FakeServer;

namespace {

FakeResponse raw(std::string bytes, bool close_after = false) {
  FakeResponse r;
  r.raw = std::move(bytes);
  r.close_after = close_after;
  return r;
}

}  // namespace

TEST_CASE("interim 1xx answers are skipped for the final one", "[net][head]") {
  FakeServer server(
      scripted({raw("HTTP/1.1 100 Continue\r\n\r\n"
                    "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                    "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n"
                    "X-Upstream: yes\r\n\r\nok")}));
  Egress egress(fast_policy());
  Received got;
  REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
  CHECK(got.status == 201);
  CHECK(got.body == "ok");
  CHECK(find_header(got.headers, "x-upstream") == "yes");
  CHECK_FALSE(find_header(got.headers, "link"));
}

TEST_CASE("a malformed head is UPSTREAM_PROTOCOL, not retried", "[net][head]") {
  const std::string head =
      GENERATE(std::string("HTTP/1.1 OK 200\r\nContent-Length: 0\r\n\r\n"),
               std::string("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n"),
               std::string("SSH-2.0-OpenSSH_9.2\r\n\r\n"),
               std::string("HTTP/1.1 200 OK\r\nX-Big: ") +
                   std::string(70000, 'a') + "\r\n\r\n");
  FakeServer server(scripted({raw(head, true)}));
  Egress egress(fast_policy());
  Received got;
  auto failure = egress.send(post(server), got.sink(), {});
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UPSTREAM_PROTOCOL);
  CHECK(failure->message.find("malformed response") != std::string::npos);
  CHECK(failure->message.find("127.0.0.1") != std::string::npos);
  CHECK(server.request_count() == 1);
  CHECK(got.heads == 0);
}

TEST_CASE("a connection closed within the head is refused", "[net][head]") {
  FakeServer server(
      scripted({raw("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", true)}));
  Egress egress(fast_policy());
  Received got;
  auto failure = egress.send(post(server), got.sink(), {});
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UPSTREAM_PROTOCOL);
  CHECK(failure->message.find("closed within it") != std::string::npos);
  CHECK(got.heads == 0);
}

namespace {

// Sends `requests` requests to a server answering each with `answer` (and
// closing after it when `close_after`); every body must read "ok". Returns
// the connections the server saw.
size_t connections_for(const std::string& answer, bool close_after,
                       int requests) {
  FakeServer server(scripted({raw(answer, close_after)}));
  Egress egress(fast_policy());
  for (int i = 0; i < requests; ++i) {
    Received got;
    REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
    CHECK(got.body == "ok");
  }
  return server.connection_count();
}

}  // namespace

TEST_CASE("the head decides whether the connection is used again",
          "[net][head]") {
  SECTION("HTTP/1.1: kept") {
    CHECK(connections_for("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                          false, 3) == 1);
  }
  SECTION("HTTP/1.0 without keep-alive, or Connection: close: a new one") {
    const std::string head =
        GENERATE(std::string("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                 std::string("HTTP/1.1 200 OK\r\nConnection: close\r\n"
                             "Content-Length: 2\r\n\r\nok"));
    CHECK(connections_for(head, true, 3) == 3);
  }
  SECTION("bytes after the body: a new one") {
    CHECK(connections_for("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokJUNK",
                          false, 2) == 2);
  }
  SECTION("no length: the body runs to the close") {
    FakeServer server(
        scripted({raw("HTTP/1.1 200 OK\r\n\r\nuntil the end", true)}));
    Egress egress(fast_policy());
    Received got;
    REQUIRE_FALSE(egress.send(post(server), got.sink(), {}));
    CHECK(got.body == "until the end");
  }
}
