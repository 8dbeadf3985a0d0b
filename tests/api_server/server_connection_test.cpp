// The connection loop behind `aihost serve`, with a handler that echoes
// what it was asked, over real sockets: keep-alive and pipelined requests,
// the answers Poco's own loop gives (400, 500, 100-continue), an idle
// connection closed after its keep-alive timeout, and a stop that lets the
// request in progress finish without waiting for it.
#include "api/server_connection.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace aihost::api;
using namespace std::chrono_literals;

namespace {

std::atomic<int> g_slow_started{0};

// GET /echo?x answers "x"; POST answers its body; /throw throws before
// answering; /slow answers after 300 ms. /buffer?x answers through
// sendBuffer, /chunked?x in two chunks, /unframed?x without a length,
// /file?path with that file, /redirect?x to x, /auth?x asking for realm x.
class Echo : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    const std::string& uri = req.getURI();
    if (uri == "/throw") throw Poco::RuntimeException("handler failed");
    if (uri == "/slow") {
      ++g_slow_started;
      std::this_thread::sleep_for(300ms);
    }
    std::string body;
    if (req.getMethod() == "POST")
      Poco::StreamCopier::copyToString(req.stream(), body);
    else
      body = uri.substr(uri.find('?') + 1);
    const std::string path = uri.substr(0, uri.find('?'));
    if (path == "/buffer") {
      resp.sendBuffer(body.data(), body.size());
    } else if (path == "/chunked") {
      resp.setChunkedTransferEncoding(true);
      std::ostream& out = resp.send();
      out << body.substr(0, 1) << std::flush;
      out << body.substr(1) << std::flush;
    } else if (path == "/unframed") {
      resp.send() << body;
    } else if (path == "/file") {
      resp.sendFile(body, "text/plain");
    } else if (path == "/redirect") {
      resp.redirect(body);
    } else if (path == "/auth") {
      resp.requireAuthentication(body);
    } else {
      resp.setContentLength(static_cast<std::streamsize>(body.size()));
      resp.send() << body;
    }
  }
};

class EchoFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Echo;
  }
};

struct Server {
  explicit Server(Poco::Timespan keep_alive = Poco::Timespan(5, 0)) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = socket.address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(keep_alive);
    connections = new ServerConnectionFactory(params, new EchoFactory);
    tcp = std::make_unique<Poco::Net::TCPServer>(connections, threads, socket,
                                                 params);
    tcp->start();
  }
  ~Server() {
    tcp->stop();
    connections->stop_all(true);
    threads.joinAll();
  }
  uint16_t port = 0;
  Poco::ThreadPool threads{2, 16};
  Poco::SharedPtr<ServerConnectionFactory> connections;
  std::unique_ptr<Poco::Net::TCPServer> tcp;
};

struct Client {
  explicit Client(uint16_t port)
      : socket(Poco::Net::SocketAddress("127.0.0.1", port)) {
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
  }
  void send(const std::string& bytes) {
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  }
  // Reads until `marker` has come or the server closes (a server gone quiet
  // fails the test with the socket's timeout).
  const std::string& read_until(const std::string& marker) {
    while (got.find(marker) == std::string::npos) {
      char buf[4096];
      const int n = socket.receiveBytes(buf, sizeof buf);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    return got;
  }
  // Sends `bytes` and reads `count` answers.
  std::string ask(const std::string& bytes, int count = 1) {
    send(bytes);
    return read_responses(count);
  }
  // Reads until `count` complete responses (head + Content-Length body)
  // are in, or the server closes; returns everything read.
  std::string read_responses(int count) {
    for (;;) {
      if (complete(count)) return got;
      char buf[4096];
      const int n = socket.receiveBytes(buf, sizeof buf);
      if (n <= 0) {
        closed = true;
        return got;
      }
      got.append(buf, static_cast<size_t>(n));
    }
  }
  bool complete(int count) const {
    size_t at = 0;
    for (int i = 0; i < count; ++i) {
      const size_t head_end = got.find("\r\n\r\n", at);
      if (head_end == std::string::npos) return false;
      size_t length = 0;
      const size_t cl = got.find("Content-Length: ", at);
      if (cl != std::string::npos && cl < head_end)
        length = std::stoul(got.substr(cl + 16));
      at = head_end + 4 + length;
      if (at > got.size()) return false;
    }
    return true;
  }
  bool closed_by_server() {
    char c;
    try {
      return socket.receiveBytes(&c, 1) == 0;
    } catch (const Poco::Exception&) {
      return true;
    }
  }
  Poco::Net::StreamSocket socket;
  std::string got;
  bool closed = false;
};

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() &&
         text.compare(text.size() - end.size(), end.size(), end) == 0;
}

int count_of(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("requests one after another on one kept-alive connection",
          "[api][server]") {
  Server server;
  Client client(server.port);
  for (std::string word : {"one", "two", "three"}) {
    client.got.clear();
    client.send("GET /echo?" + word + " HTTP/1.1\r\nHost: t\r\n\r\n");
    const std::string answer = client.read_responses(1);
    CHECK(answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(answer.find("Connection: Keep-Alive") != std::string::npos);
    CHECK(answer.find(" GMT\r\n") != std::string::npos);  // Date
    CHECK(answer.substr(answer.size() - word.size()) == word);
  }
  CHECK_FALSE(client.closed);
}

TEST_CASE("pipelined requests in one segment are each answered in order",
          "[api][server]") {
  Server server;
  Client client(server.port);
  client.send(
      "GET /echo?first HTTP/1.1\r\nHost: t\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nsecond"
      "GET /echo?third HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string answer = client.read_responses(3);
  CHECK(count_of(answer, "HTTP/1.1 200 OK") == 3);
  const size_t a = answer.find("first"), b = answer.find("second"),
               c = answer.find("third");
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  REQUIRE(c != std::string::npos);
  CHECK(a < b);
  CHECK(b < c);
}

TEST_CASE("a handler that throws before answering gives 500", "[api][server]") {
  Server server;
  Client client(server.port);
  client.send("GET /throw HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string answer = client.read_responses(1);
  CHECK(answer.rfind("HTTP/1.1 500", 0) == 0);
  CHECK(client.closed_by_server());
}

TEST_CASE("Expect: 100-continue is answered before the body is sent",
          "[api][server]") {
  Server server;
  Client client(server.port);
  client.send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n"
      "Expect: 100-continue\r\n\r\n");
  const std::string interim = client.read_responses(1);
  CHECK(interim.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0) == 0);
  client.got.clear();
  client.send("body");
  const std::string answer = client.read_responses(1);
  CHECK(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
  CHECK(answer.substr(answer.size() - 4) == "body");
}

TEST_CASE("Connection: close from the client ends the connection",
          "[api][server]") {
  Server server;
  Client client(server.port);
  client.send("GET /echo?bye HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  const std::string answer = client.read_responses(1);
  CHECK(answer.find("Connection: Close") != std::string::npos);
  CHECK(client.closed_by_server());
}

TEST_CASE("an idle connection is closed after the keep-alive timeout",
          "[api][server]") {
  Server server(Poco::Timespan(0, 200 * 1000));
  Client client(server.port);
  client.send("GET /echo?x HTTP/1.1\r\nHost: t\r\n\r\n");
  client.read_responses(1);
  const auto before = std::chrono::steady_clock::now();
  CHECK(client.closed_by_server());
  const auto idle = std::chrono::steady_clock::now() - before;
  CHECK(idle >= 150ms);
  CHECK(idle < 3s);
}

TEST_CASE("stopping lets the request in progress finish and closes the rest",
          "[api][server]") {
  Server server;
  Client busy(server.port), idle(server.port);
  idle.send("GET /echo?x HTTP/1.1\r\nHost: t\r\n\r\n");
  idle.read_responses(1);
  g_slow_started = 0;
  busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  while (g_slow_started == 0) std::this_thread::sleep_for(1ms);

  server.connections->stop_all(false);
  // It returned without waiting for /slow (300 ms), which still answers.
  CHECK(busy.socket.available() == 0);
  CHECK_FALSE(busy.socket.poll(Poco::Timespan(0, 50 * 1000),
                               Poco::Net::Socket::SELECT_READ));
  server.tcp->stop();  // up to 250 ms: Poco's acceptor polls that long
  const std::string answer = busy.read_responses(1);
  CHECK(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
  CHECK(busy.closed_by_server());
  CHECK(idle.closed_by_server());
}

TEST_CASE("a malformed request is answered 400 and the connection closed",
          "[api][server]") {
  Server server;
  std::string many_fields = "GET / HTTP/1.1\r\n";
  for (int i = 0; i <= 100; ++i)
    many_fields += "X-" + std::to_string(i) + ": v\r\n";
  std::string big_field = "GET / HTTP/1.1\r\nHost: t\r\nX-Big: ";
  big_field.append(9000, 'v').append("\r\n\r\n");
  struct Case {
    std::string bytes;
    bool then_close = false;  // the client ends its side after the bytes
  };
  const std::vector<Case> cases = {
      {"this is not http\r\n\r\n"},
      {"GET / FTP/1.1\r\nHost: t\r\n\r\n"},
      {big_field},
      {"POST /echo HTTP/1.1\r\nContent-Length: 3\r\n"
       "Content-Length: 4\r\n\r\nabcd"},
      {"POST /echo HTTP/1.1\r\nContent-Length: 3\r\n"
       "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"},
      {"POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"},
      {"POST /echo HTTP/1.1\r\nContent-Length: 1x\r\n\r\n"},
      {"GET / HTTP/1.1\r\nX-A: one\r\n two\r\n\r\n"},
      {"GET / HTTP/1.1\r\nno colon\r\n\r\n"},
      {"GET / HTTP/1.1\r\nBad Name: v\r\n\r\n"},
      {"GET /a b HTTP/1.1\r\n\r\n"},
      {"G(T / HTTP/1.1\r\n\r\n"},
      {"GET / HTTP/1.1\r\nHost: t\r\n", true},
      {many_fields + "\r\n"},
  };
  for (const Case& c : cases) {
    INFO(c.bytes.substr(0, 60));
    Client client(server.port);
    client.send(c.bytes);
    if (c.then_close) client.socket.shutdownSend();
    const std::string answer = client.read_responses(1);
    CHECK(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
    CHECK(answer.find("Connection: Close") != std::string::npos);
    CHECK(client.closed_by_server());
  }
}

TEST_CASE("request bodies as clients frame them", "[api][server]") {
  Server server;
  Client client(server.port);
  SECTION("chunked") {
    const std::string answer = client.ask(
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        "GET /echo?after HTTP/1.1\r\nHost: t\r\n\r\n",
        2);
    CHECK(answer.find("hello world") != std::string::npos);
    CHECK(ends_with(answer, "after"));
  }
  SECTION("a POST without framing has no body and keeps the connection") {
    const std::string answer = client.ask(
        "POST /echo HTTP/1.1\r\nHost: t\r\n\r\n"
        "GET /echo?next HTTP/1.1\r\nHost: t\r\n\r\n",
        2);
    CHECK(count_of(answer, "HTTP/1.1 200 OK") == 2);
    CHECK(answer.find("Content-Length: 0\r\n") != std::string::npos);
    CHECK(ends_with(answer, "next"));
  }
  SECTION("the same Content-Length twice is one length") {
    const std::string answer = client.ask(
        "POST /echo HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 3\r\n"
        "\r\nabc");
    CHECK(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
    CHECK(ends_with(answer, "abc"));
  }
  SECTION("empty lines before a request line are skipped") {
    const std::string answer =
        client.ask("\r\n\r\nGET /echo?late HTTP/1.1\r\nHost: t\r\n\r\n");
    CHECK(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
    CHECK(ends_with(answer, "late"));
  }
}

TEST_CASE("HEAD is answered with the fields of GET and no body",
          "[api][server]") {
  Server server;
  Client client(server.port);
  // The empty line before it must not hide that it is a HEAD. The GET after
  // it shows where the HEAD's answer ended.
  client.send(
      "\r\nHEAD /echo?abc HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /echo?xyz HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string& answer = client.read_until("xyz");
  REQUIRE(count_of(answer, "HTTP/1.1 200 OK") == 2);
  const std::string head_answer =
      answer.substr(0, answer.find("HTTP/1.1 200 OK", 1));
  CHECK(head_answer.find("Content-Length: 3\r\n") != std::string::npos);
  CHECK(ends_with(head_answer, "\r\n\r\n"));
  CHECK(answer.find("abc") == std::string::npos);
  CHECK(ends_with(answer, "xyz"));
}

TEST_CASE("each way of answering frames its body", "[api][server]") {
  Server server;
  Client client(server.port);
  client.send(
      "GET /buffer?abc HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /chunked?def HTTP/1.1\r\nHost: t\r\n\r\n"
      "HEAD /buffer?ghi HTTP/1.1\r\nHost: t\r\n\r\n"
      "HEAD /chunked?jkl HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /unframed?mno HTTP/1.1\r\nHost: t\r\n\r\n");
  // Read to the end of the connection, where the unframed body ends (a
  // server that kept it open fails with the client's timeout).
  const std::string& answer = client.read_until(std::string(1, '\0'));
  REQUIRE(count_of(answer, "HTTP/1.1 200 OK\r\n") == 5);
  std::vector<std::string> answers;
  for (size_t at = 0; at != std::string::npos;) {
    const size_t next = answer.find("HTTP/1.1 200 OK", at + 1);
    answers.push_back(answer.substr(
        at, next == std::string::npos ? std::string::npos : next - at));
    at = next;
  }
  REQUIRE(answers.size() == 5);
  CHECK(answers[0].find("Content-Length: 3\r\n") != std::string::npos);
  CHECK(ends_with(answers[0], "\r\n\r\nabc"));
  CHECK(answers[1].find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(ends_with(answers[1], "\r\n\r\n1\r\nd\r\n2\r\nef\r\n0\r\n\r\n"));
  // HEAD: the fields GET would have, no body, no chunks.
  CHECK(answers[2].find("Content-Length: 3\r\n") != std::string::npos);
  CHECK(ends_with(answers[2], "\r\n\r\n"));
  CHECK(answers[2].find("ghi") == std::string::npos);
  CHECK(answers[3].find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(ends_with(answers[3], "\r\n\r\n"));
  CHECK(answers[3].find("jkl") == std::string::npos);
  // Without a length the body runs to the end of the connection.
  CHECK(answers[4].find("Connection: Close\r\n") != std::string::npos);
  CHECK(answers[4].find("Content-Length") == std::string::npos);
  CHECK(ends_with(answers[4], "\r\n\r\nmno"));
}

TEST_CASE("files, redirects and authentication requests", "[api][server]") {
  Server server;
  const std::string file =
      std::string(AIHOST_BINARY_DIR) + "/server-connection-test-file.txt";
  {
    std::ofstream out(file, std::ios::binary);
    out << "file body";
  }
  Client client(server.port);
  // read_responses takes the HEAD answer's length as a body and so skips
  // into the next answer's head; it still finds each head's end after it.
  const std::string answer =
      client.ask("GET /file?" + file +
                     " HTTP/1.1\r\nHost: t\r\n\r\n"
                     "HEAD /file?" +
                     file +
                     " HTTP/1.1\r\nHost: t\r\n\r\n"
                     "GET /redirect?/elsewhere HTTP/1.1\r\nHost: t\r\n\r\n"
                     "GET /auth?admin HTTP/1.1\r\nHost: t\r\n\r\n",
                 4);
  std::remove(file.c_str());
  const size_t head_answer = answer.find("HTTP/1.1 200 OK", 1);
  const size_t redirect = answer.find("HTTP/1.1 302 Found");
  const size_t auth = answer.find("HTTP/1.1 401 Unauthorized");
  REQUIRE(answer.rfind("HTTP/1.1 200 OK", 0) == 0);
  REQUIRE(head_answer != std::string::npos);
  REQUIRE(redirect != std::string::npos);
  REQUIRE(auth != std::string::npos);
  const std::string get_file = answer.substr(0, head_answer);
  CHECK(get_file.find("Content-Length: 9\r\n") != std::string::npos);
  CHECK(get_file.find("Content-Type: text/plain\r\n") != std::string::npos);
  CHECK(get_file.find("Last-Modified: ") != std::string::npos);
  CHECK(ends_with(get_file, "\r\n\r\nfile body"));
  const std::string head_file =
      answer.substr(head_answer, redirect - head_answer);
  CHECK(head_file.find("Content-Length: 9\r\n") != std::string::npos);
  CHECK(ends_with(head_file, "\r\n\r\n"));
  const std::string moved = answer.substr(redirect, auth - redirect);
  CHECK(moved.find("Location: /elsewhere\r\n") != std::string::npos);
  CHECK(moved.find("Content-Length: 0\r\n") != std::string::npos);
  const std::string asked = answer.substr(auth);
  CHECK(asked.find("WWW-Authenticate: Basic realm=\"admin\"\r\n") !=
        std::string::npos);
  CHECK(ends_with(asked, "\r\n\r\n"));
}
