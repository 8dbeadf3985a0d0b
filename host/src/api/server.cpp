#include "api/server.hpp"

#include "api/routes.hpp"
#include "api/server_connection.hpp"
#include "metrics/metrics.hpp"
#include "settings/settings.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <charconv>
#include <stdexcept>
#include <thread>

namespace aihost::api {
namespace {

class RoutedHandler : public Poco::Net::HTTPRequestHandler {
 public:
  RoutedHandler(const Router& router, BodyLimits limits)
      : router_(router), limits_(limits) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    Exchange ex(request, response, request_id_for(request), limits_);
    router_.dispatch(ex);
  }

 private:
  const Router& router_;
  BodyLimits limits_;
};

class RoutedFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  RoutedFactory(const Router& router, BodyLimits limits)
      : router_(router), limits_(limits) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new RoutedHandler(router_, limits_);
  }

 private:
  const Router& router_;
  BodyLimits limits_;
};

}  // namespace

ServerOptions parse_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
    throw std::invalid_argument("--listen must be HOST:PORT, got '" + listen +
                                "'");
  ServerOptions options;
  options.host = listen.substr(0, colon);
  if (options.host.size() > 2 && options.host.front() == '[' &&
      options.host.back() == ']')
    options.host = options.host.substr(1, options.host.size() - 2);
  const std::string port = listen.substr(colon + 1);
  auto [end, ec] =
      std::from_chars(port.data(), port.data() + port.size(), options.port);
  if (ec != std::errc() || end != port.data() + port.size() ||
      options.port < 0 || options.port > 65535)
    throw std::invalid_argument("--listen port must be 0-65535, got '" + port +
                                "'");
  return options;
}

ApiServer::ApiServer(ServerOptions options, AppContext app)
    : options_(std::move(options)), app_(std::move(app)) {
  security::Secret admin;
  if (app_.settings) admin = app_.settings->admin_token;
  router_.set_authenticator(
      std::make_shared<Authenticator>(app_.tenant_keys, std::move(admin)));
  if (auto* m = app_.metrics)
    router_.set_observer([m](const RequestRecord& r) {
      m->observe_request(r.method, r.route, r.status, r.duration_ms,
                         r.provider_ms);
    });
  add_all_routes(router_, app_);
}

ApiServer::~ApiServer() {
  if (server_) stop(0);
}

void ApiServer::start() {
  Poco::Net::ServerSocket socket(
      Poco::Net::SocketAddress(options_.host,
                               static_cast<Poco::UInt16>(options_.port)),
      128);
  port_ = socket.address().port();
  // Small writes (SSE events, short JSON answers) go out at once rather than
  // waiting on Nagle for the client's delayed ACK. Set on the listener, which
  // Linux copies to every accepted socket: once, not a system call per
  // request.
  socket.setNoDelay(true);
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams();
  params->setMaxThreads(options_.max_threads);
  params->setMaxQueued(options_.max_queued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  threads_ = std::make_unique<Poco::ThreadPool>(2, options_.max_threads);
  connections_ = new ServerConnectionFactory(
      params, new RoutedFactory(router_, options_.limits));
  server_ = std::make_unique<Poco::Net::TCPServer>(connections_, *threads_,
                                                   socket, params);
  server_->start();
}

void ApiServer::stop(int grace_ms) {
  if (!server_) return;
  // Idle keep-alive connections close at once; requests being handled have
  // `grace_ms` to answer, then their connections are shut down too.
  server_->stop();
  connections_->stop_all(false);
  for (int waited = 0; server_->currentConnections() > 0 && waited < grace_ms;
       waited += 20)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  connections_->stop_all(true);
  server_.reset();
  threads_->joinAll();
  threads_.reset();
}

}  // namespace aihost::api
