// One client connection of the API server: requests and responses of our
// own behind Poco's interfaces (server_request.hpp, server_response.hpp)
// and Poco's handler factory, in a connection loop of our own.
//
// Poco's HTTPServerConnection waits for each keep-alive request with
// Socket::poll, which on Linux creates, fills and closes an epoll set every
// time: four system calls per request. Here the wait is the read of the
// request itself, and the connection set closes connections idle past
// their deadline: no system call beyond the read. Everything else follows
// Poco's loop: Expect: 100-continue, 400 for a malformed request, 500 when
// a handler throws before answering, the keep-alive decision, and a server
// stop that lets the request in progress finish (or aborts it when asked).
// Unlike Poco's, a graceful stop does not wait for that request: Poco's did, so
// one long stream held a server's stop past its grace period.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

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

  using Clock = std::chrono::steady_clock;
  static constexpr Clock::rep kNotWaiting =
      Clock::time_point::max().time_since_epoch().count();
  // Closes the connection if it has waited for its next request past its
  // deadline; returns the deadline it is waiting for otherwise (max() when
  // it is not waiting).
  Clock::time_point close_if_idle_past(Clock::time_point now);

 private:
  void begin_wait(Clock::time_point deadline);
  void end_wait();

  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  std::shared_ptr<ConnectionSet> set_;
  std::atomic<bool> stopped_{false};
  std::mutex in_request_;  // held while a request is handled
  // While the connection waits for a request: when it gives up (a
  // Clock::rep); kNotWaiting otherwise.
  std::atomic<Clock::rep> idle_deadline_{kNotWaiting};
};

// The live connections, so that the server can stop them all, and a thread
// that closes those idle past their deadline (keep-alive timeout, or the
// server's timeout for the first request), within a second of it.
class ConnectionSet {
 public:
  ConnectionSet();
  ~ConnectionSet();
  void add(ServerConnection* connection);
  void remove(ServerConnection* connection);
  // Stops every connection, and any that is added later.
  void stop_all(bool abort_current);

 private:
  void reap();

  std::mutex mu_;  // held across stop_all and each scan for idle ones: a
                   // connection is never freed while it is being stopped
  std::set<ServerConnection*> live_;
  bool stopped_ = false;
  bool closing_ = false;  // the set is being destroyed
  std::condition_variable wake_;
  std::thread reaper_;
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
