#include "api/server_connection.hpp"

#include "api/server_request.hpp"
#include "api/server_response.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <memory>
#include <optional>
#include <string>

namespace aihost::api {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerSession;

// Poco's HTTPServerSession with one change: the wait for the next request.
// The keep-alive bookkeeping (a request budget, counted down, where a
// negative budget is unlimited) is Poco's.
class Session : public HTTPServerSession {
 public:
  Session(const Poco::Net::StreamSocket& socket,
          Poco::Net::HTTPServerParams::Ptr params)
      : HTTPServerSession(socket, params),
        keep_alive_timeout_(params->getKeepAliveTimeout()),
        budget_(params->getMaxKeepAliveRequests()) {}

  // How long to wait for the next request; nothing when no other may come
  // (the keep-alive budget is spent, or the client asked to close).
  std::optional<Poco::Timespan> next_wait() {
    if (socket().impl()->sockfd() < 0) return std::nullopt;
    if (first_) {
      first_ = false;
      --budget_;
      return getTimeout();
    }
    if (budget_ == 0 || !getKeepAlive()) return std::nullopt;
    if (budget_ > 0) --budget_;
    return keep_alive_timeout_;
  }
  // Waits, in the read of its first bytes, for the next request: false when
  // the connection ends instead (closed or reset by the client, shut down
  // for idling or a stop, or past the socket's own receive timeout).
  bool request_arrives() {
    if (buffered() > 0) return true;
    try {
      return peek() != std::char_traits<char>::eof();
    } catch (const Poco::Exception&) {
      return false;
    }
  }
  bool can_keep_alive() const { return budget_ != 0; }

  static int next_byte(HTTPServerSession& session) {
    return static_cast<Session&>(session).get();
  }

 private:
  Poco::Timespan keep_alive_timeout_;
  int budget_;
  bool first_ = true;
};

// The Date header's text, which changes once a second: formatting it for
// every response cost more than this lookup.
const std::string& http_date_now() {
  thread_local std::time_t second = -1;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != second) {
    text = Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now),
                                           Poco::DateTimeFormat::HTTP_FORMAT);
    second = now;
  }
  return text;
}

void send_error(HTTPServerSession& session, HTTPResponse::HTTPStatus status) {
  ServerResponse response(session);
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(status);
  response.setKeepAlive(false);
  response.sendBuffer(nullptr, 0);
  session.setKeepAlive(false);
}

}  // namespace

ServerConnection::ServerConnection(
    const Poco::Net::StreamSocket& socket,
    Poco::Net::HTTPServerParams::Ptr params,
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
    std::shared_ptr<ConnectionSet> set)
    : TCPServerConnection(socket),
      params_(std::move(params)),
      factory_(std::move(factory)),
      set_(std::move(set)) {
  set_->add(this);
}

ServerConnection::~ServerConnection() { set_->remove(this); }

void ServerConnection::run() {
  Session session(socket(), params_);
  const bool keep_alive = params_->getKeepAlive();
  while (!stopped_) {
    const auto wait = session.next_wait();
    if (!wait) break;
    begin_wait(Clock::now() +
               std::chrono::microseconds(wait->totalMicroseconds()));
    const bool arrived = session.request_arrives();
    end_wait();
    if (!arrived) break;
    try {
      std::lock_guard lock(in_request_);
      if (stopped_) break;
      ServerResponse response(session);
      ServerRequest request(session, &Session::next_byte, response, *params_);
      response.set_head_only(request.getMethod() ==
                             Poco::Net::HTTPRequest::HTTP_HEAD);
      // Poco reads any third word of the request line as the version (and
      // would echo it back as the response's); only HTTP/1.x is spoken.
      if (request.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1 &&
          request.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0) {
        send_error(session, HTTPResponse::HTTP_BAD_REQUEST);
        break;
      }
      response.set("Date", http_date_now());
      response.setVersion(request.getVersion());
      response.setKeepAlive(keep_alive && request.getKeepAlive() &&
                            session.can_keep_alive());
      try {
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            factory_->createRequestHandler(request));
        if (!handler) {
          send_error(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
          continue;
        }
        if (request.getExpectContinue() &&
            response.getStatus() == HTTPResponse::HTTP_OK)
          response.sendContinue();
        handler->handleRequest(request, response);
        session.setKeepAlive(keep_alive && response.getKeepAlive() &&
                             session.can_keep_alive());
      } catch (const Poco::Exception&) {
        if (!response.sent()) {
          try {
            send_error(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
          } catch (...) {
          }
        }
        throw;
      }
    } catch (const Poco::Net::NoMessageException&) {
      break;
    } catch (const Poco::Net::MessageException&) {
      send_error(session, HTTPResponse::HTTP_BAD_REQUEST);
    } catch (const Poco::Exception&) {
      if (const auto* e = session.networkException()) e->rethrow();
      throw;
    }
  }
}

void ServerConnection::stop(bool abort_current) {
  stopped_ = true;
  // shutdown() wakes a connection waiting for its next request. One in the
  // middle of a request is left to answer it (the loop sees stopped_ after
  // it) unless `abort_current`: a graceful stop never waits here, so the
  // server's grace period, not the longest stream, bounds it.
  std::unique_lock idle(in_request_, std::try_to_lock);
  if (!idle && !abort_current) return;
  try {
    socket().shutdown();
  } catch (...) {
  }
}

void ServerConnection::begin_wait(Clock::time_point deadline) {
  idle_deadline_.store(deadline.time_since_epoch().count(),
                       std::memory_order_release);
}

void ServerConnection::end_wait() {
  idle_deadline_.store(kNotWaiting, std::memory_order_release);
}

ServerConnection::Clock::time_point ServerConnection::close_if_idle_past(
    Clock::time_point now) {
  const Clock::rep deadline = idle_deadline_.load(std::memory_order_acquire);
  if (deadline == kNotWaiting) return Clock::time_point::max();
  if (now.time_since_epoch().count() < deadline)
    return Clock::time_point(Clock::duration(deadline));
  // A request that arrived just now holds the lock, or has ended the wait.
  std::unique_lock idle(in_request_, std::try_to_lock);
  if (!idle || idle_deadline_.load(std::memory_order_acquire) == kNotWaiting)
    return Clock::time_point::max();
  try {
    socket().shutdown();  // the waiting read sees the end of the connection
  } catch (...) {
  }
  end_wait();
  return Clock::time_point::max();
}

ConnectionSet::ConnectionSet() : reaper_([this] { reap(); }) {}

ConnectionSet::~ConnectionSet() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  wake_.notify_all();
  reaper_.join();
}

// Wakes at the earliest deadline it knows of, and at least once a second
// for connections that started waiting since its last look.
void ConnectionSet::reap() {
  using Clock = ServerConnection::Clock;
  std::unique_lock lock(mu_);
  while (!closing_) {
    const auto now = Clock::now();
    auto next = now + std::chrono::seconds(1);
    for (ServerConnection* connection : live_)
      next = std::min(next, connection->close_if_idle_past(now));
    wake_.wait_until(lock, next, [this] { return closing_; });
  }
}

void ConnectionSet::add(ServerConnection* connection) {
  std::lock_guard lock(mu_);
  live_.insert(connection);
  if (stopped_) connection->stop(true);  // accepted as the server stopped
}

void ConnectionSet::remove(ServerConnection* connection) {
  std::lock_guard lock(mu_);
  live_.erase(connection);
}

void ConnectionSet::stop_all(bool abort_current) {
  std::lock_guard lock(mu_);
  stopped_ = true;
  for (ServerConnection* connection : live_) connection->stop(abort_current);
}

}  // namespace aihost::api
