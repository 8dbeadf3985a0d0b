// HTTPS through the egress against a local TLS server whose certificate is
// made at test time: untrusted certificates fail with a message naming the
// host, and trusting the test CA explicitly makes the same server work.
#include "net/egress.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>

using namespace aihost::net;
namespace fs = std::filesystem;

namespace {

// A key and self-signed certificate in a fresh directory, removed at exit.
struct TestCert {
  fs::path dir;
  fs::path key, cert;

  explicit TestCert(const std::string& subject, const std::string& san) {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("aihost-tls-" + std::to_string(rd()));
    fs::create_directories(dir);
    key = dir / "key.pem";
    cert = dir / "cert.pem";
    std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
        "-nodes"
        " -days 2 -subj '/CN=" +
        subject + "' -addext 'subjectAltName=" + san + "' -keyout '" +
        key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0 || !fs::exists(cert))
      throw std::runtime_error("openssl could not make a test certificate");
  }
  ~TestCert() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

class Answer : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    resp.setContentType("application/json");
    std::string out = R"({"echo":)" + std::to_string(body.size()) +
                      R"(,"path":")" + req.getURI() + "\"}";
    resp.setContentLength(static_cast<std::streamsize>(out.size()));
    resp.send() << out;
  }
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    ++requests;
    return new Answer;
  }
  std::atomic<int> requests{0};
};

// An HTTPS server on 127.0.0.1 with a free port.
struct TlsServer {
  Factory* factory = new Factory;  // owned by the server
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;

  explicit TlsServer(const TestCert& c) {
    Poco::Net::Context::Ptr ctx = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, c.key.string(), c.cert.string(), "",
        Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureServerSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", 0), 64, ctx);
    port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    server = std::make_unique<Poco::Net::HTTPServer>(factory, socket, params);
    server->start();
  }
  ~TlsServer() { server->stopAll(true); }
  std::string url(const std::string& path) const {
    return "https://127.0.0.1:" + std::to_string(port) + path;
  }
};

UpstreamPolicy short_policy() {
  UpstreamPolicy p;
  p.connect_timeout_ms = 2000;
  p.read_timeout_ms = 2000;
  p.total_timeout_ms = 5000;
  p.backoff_initial_ms = 10;
  return p;
}

Request request(const std::string& url) {
  Request r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"Authorization", "Bearer sk-tls-secret-42"}};
  r.body = R"({"q":"over tls"})";
  return r;
}

struct Got {
  int status = 0;
  std::string body;
  Sink sink() {
    return {[this](int s, const std::vector<Header>&) {
              status = s;
              return true;
            },
            [this](std::string_view d) {
              body.append(d);
              return true;
            }};
  }
};

}  // namespace

TEST_CASE("an untrusted certificate fails with a message naming the host",
          "[net][tls]") {
  TestCert cert("127.0.0.1", "IP:127.0.0.1");
  TlsServer server(cert);
  Egress egress(short_policy());  // system CAs only
  Got got;
  Trace trace;
  CallControl call;
  call.trace = &trace;
  auto failure =
      egress.send(request(server.url("/v1/models")), got.sink(), call);
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_UNAVAILABLE);
  INFO(failure->message);
  CHECK(failure->message.find("TLS") != std::string::npos);
  CHECK(failure->message.find("127.0.0.1:" + std::to_string(server.port)) !=
        std::string::npos);
  CHECK(failure->message.find("certificate") != std::string::npos);
  CHECK(failure->message.find("sk-tls") == std::string::npos);
  CHECK(trace.attempts == 1);  // a rejected certificate is not retried
  CHECK(got.status == 0);
  CHECK(server.factory->requests == 0);
}

TEST_CASE("trusting the test CA makes the same server work, with reuse",
          "[net][tls]") {
  TestCert cert("127.0.0.1", "IP:127.0.0.1");
  TlsServer server(cert);
  auto policy = short_policy();
  policy.extra_ca_file = cert.cert.string();
  Egress egress(policy);
  Trace trace;
  CallControl call;
  call.trace = &trace;
  for (int i = 0; i < 3; ++i) {
    Got got;
    auto failure =
        egress.send(request(server.url("/v1/echo")), got.sink(), call);
    INFO((failure ? failure->message : std::string("ok")));
    REQUIRE_FALSE(failure);
    CHECK(got.status == 200);
    CHECK(got.body == R"({"echo":16,"path":"/v1/echo"})");
  }
  CHECK(server.factory->requests == 3);
  CHECK(trace.reused_connections == 2);
  CHECK(server.server->totalConnections() == 1);
}

TEST_CASE("a trusted certificate for another name is refused", "[net][tls]") {
  TestCert cert("upstream.example", "DNS:upstream.example");
  TlsServer server(cert);
  auto policy = short_policy();
  policy.extra_ca_file = cert.cert.string();
  Egress egress(policy);
  Got got;
  auto failure = egress.send(request(server.url("/v1/models")), got.sink(), {});
  REQUIRE(failure);
  INFO(failure->message);
  CHECK(failure->status == AIHOST_UNAVAILABLE);
  CHECK(failure->message.find("127.0.0.1") != std::string::npos);
  CHECK(server.factory->requests == 0);
}

TEST_CASE("an unreadable CA file is a clear setup error", "[net][tls]") {
  auto policy = short_policy();
  policy.extra_ca_file = "/nonexistent/aihost-ca.pem";
  Egress egress(policy);
  Got got;
  auto failure =
      egress.send(request("https://127.0.0.1:9/v1/models"), got.sink(), {});
  REQUIRE(failure);
  CHECK(failure->status == AIHOST_INTERNAL);
  CHECK(failure->message.find("/nonexistent/aihost-ca.pem") !=
        std::string::npos);
}
