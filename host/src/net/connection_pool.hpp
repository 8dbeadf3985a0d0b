// Keep-alive HTTP(S) connections to upstreams, kept idle per origin between
// requests so that a call does not pay a TCP and TLS handshake each time.
#pragma once

#include "net/http_types.hpp"
#include "net/response_head.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aihost::net {

struct Origin {
  std::string scheme;  // "http" or "https"
  std::string host;
  uint16_t port = 0;

  std::string key() const;
};

// One connection to one origin. Used by one request at a time.
class Connection {
 public:
  virtual ~Connection();
  virtual Poco::Net::HTTPClientSession& session() = 0;
  // Connects, and for HTTPS completes the handshake, unless connected.
  virtual void open() = 0;
  // A duplicate of the open socket's descriptor, made when it connected and
  // valid until the connection is destroyed or reconnects: what the call
  // watchdog shuts down to interrupt a transfer. Being our own descriptor,
  // it cannot come to name another socket if the session closes its own
  // mid-call (as Poco does on errors) and the number is reused; one dup per
  // connection, not one per request. -1 before open().
  int watch_fd() const { return watch_fd_; }
  // The next final response head (interim 1xx answers are skipped). Throws
  // Poco::Net::NoMessageException when the connection ends before a byte
  // of it, MessageException when it is malformed, and Poco's socket
  // exceptions (TimeoutException) otherwise.
  virtual ResponseHead read_head() = 0;
  // Raw response bytes after the head: what read_head() read beyond it,
  // else one socket read. 0 at the end of the connection; throws Poco
  // exceptions.
  virtual int read_some(char* buffer, int length) = 0;
  // True when bytes were read past the last response: a connection that
  // must not carry another request.
  virtual bool has_unread() const = 0;
  // Sends a request: head and body in one send (one system call, one
  // segment, rather than a head the peer wakes up for and a body it then
  // waits on) up to kMaxCoalescedBytes, else the head then the body.
  // Throws Poco exceptions.
  virtual void send(std::string_view head, std::string_view body) = 0;
  static constexpr size_t kMaxCoalescedBytes = 64 * 1024;

  // The receive/send timeout last set on the socket (-1: none yet), so that
  // a reused connection is not given the same one again each request.
  int64_t socket_timeout_ms = -1;

  // True when it already served a request: the peer may have closed it
  // while it was idle, which is only seen when it is used again.
  bool reused = false;
  Clock::time_point idle_since{};

 protected:
  // Replaces watch_fd() with a duplicate of `fd` (after a (re)connect).
  void watch(int fd);

 private:
  int watch_fd_ = -1;
};

class ConnectionPool {
 public:
  explicit ConnectionPool(const UpstreamPolicy& policy);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // An idle connection to `origin` that still looks healthy, else a new
  // one. Throws std::runtime_error when TLS cannot be set up.
  std::unique_ptr<Connection> acquire(const Origin& origin);
  // Always a new, unconnected one.
  std::unique_ptr<Connection> fresh(const Origin& origin);
  // Keeps a connection whose last exchange completed cleanly, up to the
  // per-origin bound; closes it otherwise.
  void release(const Origin& origin, std::unique_ptr<Connection> connection);

  size_t idle_count(const Origin& origin) const;

 private:
  Poco::Net::Context::Ptr tls_context();

  const UpstreamPolicy& policy_;
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
  Poco::Net::Context::Ptr tls_;
};

}  // namespace aihost::net
