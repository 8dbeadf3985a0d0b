// One client connection of the API server: Poco's HTTP request and response
// objects and its handler factory, in a connection loop of our own.
//
// Poco's HTTPServerConnection waits for each keep-alive request with
// Socket::poll, which on Linux creates, fills and closes an epoll set every
// time: four system calls per request where one poll(2) does. Everything
// else follows Poco's loop: Expect: 100-continue, 400 for a malformed
// request, 500 when a handler throws before answering, the keep-alive
// decision, and a server stop that lets the request in progress finish
// (or aborts it when asked). Unlike Poco's, a graceful stop does not wait
// for that request: Poco's did, so one long stream held a server's stop
// past its grace period.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>

namespace aihost::api {

class ConnectionSet;

class ServerConnection : public Poco::Net::TCPServerConnection {
 public:
  ServerConnection(const Poco::Net::StreamSocket& socket,
                   Poco::Net::HTTPServerParams::Ptr params,
                   Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                   std::shared_ptr<ConnectionSet> set);
  ~ServerConnection() override;

  void run() override;

  // No new request starts; an idle connection closes now. The request in
  // progress is cut with `abort_current`, else answered first (this does
  // not wait for it).
  void stop(bool abort_current);

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  std::shared_ptr<ConnectionSet> set_;
  std::atomic<bool> stopped_{false};
  std::mutex in_request_;  // held while a request is handled
};

// The live connections, so that the server can stop them all.
class ConnectionSet {
 public:
  void add(ServerConnection* connection);
  void remove(ServerConnection* connection);
  // Stops every connection, and any that is added later.
  void stop_all(bool abort_current);

 private:
  std::mutex mu_;  // held across stop_all: a connection is never freed
                   // while it is being stopped
  std::set<ServerConnection*> live_;
  bool stopped_ = false;
};

class ServerConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  ServerConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                          Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
      : params_(std::move(params)),
        factory_(std::move(factory)),
        set_(std::make_shared<ConnectionSet>()) {}

  Poco::Net::TCPServerConnection* createConnection(
      const Poco::Net::StreamSocket& socket) override {
    return new ServerConnection(socket, params_, factory_, set_);
  }
  void stop_all(bool abort_current) { set_->stop_all(abort_current); }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  std::shared_ptr<ConnectionSet> set_;
};

}  // namespace aihost::api
