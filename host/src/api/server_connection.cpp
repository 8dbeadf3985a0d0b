#include "api/server_connection.hpp"

#include "api/server_request.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <memory>
#include <optional>
#include <string>

namespace aihost::api {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerSession;

// True when `fd` has something to read (a request, or the end of the
// connection, which the request reader then reports) within `timeout`.
bool readable_within(int fd, Poco::Timespan timeout) {
  using Clock = std::chrono::steady_clock;
  const auto deadline =
      Clock::now() + std::chrono::microseconds(timeout.totalMicroseconds());
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now());
    pollfd p{fd, POLLIN, 0};
    const int n = ::poll(&p, 1, left.count() > 0 ? int(left.count()) : 0);
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return true;  // let the read report the error
  }
}

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

  bool more_requests() {
    const int fd = socket().impl()->sockfd();
    if (fd < 0) return false;
    if (first_) {
      first_ = false;
      --budget_;
      return readable_within(fd, getTimeout());
    }
    if (budget_ == 0 || !getKeepAlive()) return false;
    if (budget_ > 0) --budget_;
    return buffered() > 0 || readable_within(fd, keep_alive_timeout_);
  }
  bool can_keep_alive() const { return budget_ != 0; }

  // The first byte of the next request line, left unread (negative at the
  // end of the connection), after the empty lines a client may send before
  // it (RFC 9112 section 2.2; a few, not without end).
  int peek_request_byte() {
    for (int skipped = 0; skipped < 8; ++skipped) {
      const int c = peek();
      if (c != '\r' && c != '\n') return c;
      get();
    }
    return peek();
  }
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
  Poco::Net::HTTPServerResponseImpl response(session);
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(status);
  response.setKeepAlive(false);
  response.send();
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
  while (!stopped_ && session.more_requests()) {
    try {
      std::lock_guard lock(in_request_);
      if (stopped_) break;
      Poco::Net::HTTPServerResponseImpl response(session);
      // A HEAD request is read by Poco's request class, the only one its
      // response object takes to leave the body out. The first byte tells:
      // no other method begins with 'H'.
      std::optional<Poco::Net::HTTPServerRequestImpl> head_request;
      std::optional<ServerRequest> own_request;
      if (session.peek_request_byte() == 'H')
        head_request.emplace(response, session, params_);
      else
        own_request.emplace(session, &Session::next_byte, response, *params_);
      Poco::Net::HTTPServerRequest& request =
          own_request ? static_cast<Poco::Net::HTTPServerRequest&>(*own_request)
                      : *head_request;
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
