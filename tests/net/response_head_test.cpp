// The egress's own reading of a response head: what it takes from the
// fields, and what it refuses.
#include "net/response_head.hpp"

#include <Poco/Net/NetException.h>
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace aihost::net;

namespace {

std::string refusal(const std::string& head) {
  try {
    (void)parse_response_head(head).status;
  } catch (const Poco::Net::MessageException& e) {
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("a response head's length is found at its blank line") {
  CHECK(response_head_length("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody") == 25u);
  CHECK(response_head_length("HTTP/1.1 200 OK\nA: b\n\nbody") == 22u);
  CHECK_FALSE(response_head_length("HTTP/1.1 200 OK\r\nA: b\r\n"));
  CHECK_FALSE(response_head_length("HTTP/1.1 200 OK\r\nA: b\r\n\r"));
  CHECK_FALSE(response_head_length(""));
  // Found when the blank line arrives in a later piece than its start.
  const std::string head = "HTTP/1.1 204 No Content\r\nX: y\r\n\r\n";
  CHECK(response_head_length(head, head.size() - 1) == head.size());
  CHECK(response_head_length(head, head.size() - 2) == head.size());
}

TEST_CASE("the status, fields and framing of a response head") {
  const ResponseHead h = parse_response_head(
      "HTTP/1.1 429 Too Many Requests\r\n"
      "content-type: application/json\r\n"
      "x-ratelimit-reset-requests:   6ms  \r\n"
      "Retry-After:\t2\r\n"
      "X-Folded: first\r\n"
      "  second\r\n"
      "Content-Length: 42\r\n"
      "\r\n");
  CHECK(h.status == 429);
  CHECK(h.minor_version == 1);
  REQUIRE(h.headers.size() == 5);
  CHECK(h.headers[0].name == "content-type");
  CHECK(h.headers[0].value == "application/json");
  CHECK(h.headers[1].value == "6ms");
  CHECK(find_header(h.headers, "retry-after") == "2");
  CHECK(find_header(h.headers, "x-folded") == "first second");
  CHECK(h.content_length == 42);
  CHECK_FALSE(h.chunked);
  CHECK(h.keep_alive);

  const ResponseHead chunked = parse_response_head(
      "HTTP/1.1 200 OK\nTransfer-Encoding: gzip, Chunked\nContent-Length: "
      "7\n\n");
  CHECK(chunked.chunked);
  CHECK_FALSE(chunked.other_coding);

  const ResponseHead gzip =
      parse_response_head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n");
  CHECK_FALSE(gzip.chunked);
  CHECK(gzip.other_coding);

  const ResponseHead no_reason = parse_response_head("HTTP/1.1 200\r\n\r\n");
  CHECK(no_reason.status == 200);
  CHECK(no_reason.content_length == -1);
}

TEST_CASE("whether a response lets the connection be used again") {
  CHECK(parse_response_head("HTTP/1.1 200 OK\r\n\r\n").keep_alive);
  CHECK_FALSE(
      parse_response_head("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
          .keep_alive);
  CHECK_FALSE(
      parse_response_head("HTTP/1.1 200 OK\r\nConnection: x, Close\r\n\r\n")
          .keep_alive);
  CHECK_FALSE(parse_response_head("HTTP/1.0 200 OK\r\n\r\n").keep_alive);
  CHECK(parse_response_head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n")
            .keep_alive);
}

TEST_CASE("malformed response heads are refused, saying why") {
  std::string many = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i <= 100; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"HTTP/2 200 OK\r\n\r\n", "not HTTP/1.x"},
      {"ICY 200 OK\r\n\r\n", "not HTTP/1.x"},
      {"HTTP/1.1 2x0 OK\r\n\r\n", "3 digits"},
      {"HTTP/1.1 2000 OK\r\n\r\n", "3 digits"},
      {"HTTP/1.1 099 Low\r\n\r\n", "below 100"},
      {"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "without a field name"},
      {"HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", "without a field name"},
      {"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "field name"},
      {"HTTP/1.1 200 OK\r\n folded: first\r\n\r\n",
       "folded line before any field"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n",
       "invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
       "invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
       "invalid Content-Length"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
       "conflicting Content-Length"},
      {many + "\r\n", "more than 100 fields"},
  };
  for (const auto& [head, reason] : cases) {
    INFO(head.substr(0, 60));
    CHECK(refusal(head).find(reason) != std::string::npos);
  }
  // The same value twice is one length, as RFC 9110 allows.
  CHECK(parse_response_head(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")
            .content_length == 3);
}
