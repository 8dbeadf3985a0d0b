// The HTTP server: Poco's threaded TCPServer, with a connection loop of our
// own (api/server_connection.hpp), in front of the route table.
#pragma once

#include "api/app_context.hpp"
#include "api/router.hpp"

#include <memory>
#include <string>

#include <Poco/SharedPtr.h>

namespace Poco::Net {
class TCPServer;
}
namespace Poco {
class ThreadPool;
}

namespace aihost::api {

class ServerConnectionFactory;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  int max_threads = 64;
  int max_queued = 256;
  BodyLimits limits;
};

// "HOST:PORT" (IPv6 as "[::1]:PORT"); throws std::invalid_argument.
ServerOptions parse_listen(const std::string& listen);

class ApiServer {
 public:
  // Registers every route group; the admin token comes from app.settings
  // (none: the admin routes answer 403 admin_disabled).
  ApiServer(ServerOptions options, AppContext app);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds and starts accepting; throws on a bind failure.
  void start();
  // Stops accepting, lets requests in progress finish for up to
  // `grace_ms`, then closes what is left.
  void stop(int grace_ms = 5000);
  int port() const { return port_; }
  const Router& router() const { return router_; }

 private:
  ServerOptions options_;
  AppContext app_;
  Router router_;
  // The server's own threads, joined on stop: thread-local state libraries
  // keep (OpenSSL's error queue and random generator) is freed as they exit.
  std::unique_ptr<Poco::ThreadPool> threads_;
  Poco::SharedPtr<ServerConnectionFactory> connections_;
  std::unique_ptr<Poco::Net::TCPServer> server_;
  int port_ = 0;
};

}  // namespace aihost::api
