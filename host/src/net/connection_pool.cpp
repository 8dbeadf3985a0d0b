#include "net/connection_pool.hpp"

#include "net/tls_context.hpp"

#include <poll.h>
#include <unistd.h>

#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/Socket.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace aihost::net {
namespace {

template <class Base>
class SessionConnection final : public Connection {
 public:
  template <class... Args>
  explicit SessionConnection(Args&&... args)
      : session_(std::forward<Args>(args)...) {}

  Poco::Net::HTTPClientSession& session() override { return session_; }
  void open() override {
    const bool was_open = session_.connected() && watch_fd() >= 0;
    session_.open();
    if (!was_open) {
      watch(session_.socket().impl()->sockfd());
      unread_.clear();
      unread_at_ = 0;
    }
  }
  ResponseHead read_head() override {
    for (;;) {
      ResponseHead head = read_one_head();
      // Interim answers (100 Continue, 103 Early Hints) precede the final
      // one; 101 would switch protocols and is final.
      if (head.status >= 200 || head.status == 101) return head;
    }
  }
  int read_some(char* buffer, int length) override {
    if (unread_at_ < unread_.size()) {
      const size_t n =
          std::min(unread_.size() - unread_at_, static_cast<size_t>(length));
      std::memcpy(buffer, unread_.data() + unread_at_, n);
      unread_at_ += n;
      return static_cast<int>(n);
    }
    return session_.read_some(buffer, length);
  }
  bool has_unread() const override { return unread_at_ < unread_.size(); }
  void send(std::string_view head, std::string_view body) override {
    if (head.size() + body.size() <= kMaxCoalescedBytes) {
      std::string both;
      both.reserve(head.size() + body.size());
      (both += head) += body;
      session_.send_all(both);
    } else {
      session_.send_all(head);
      session_.send_all(body);
    }
  }

 private:
  // Exposes the protected connect step so that it happens before the
  // request, where the caller can watch the socket.
  class Session final : public Base {
   public:
    using Base::Base;
    void open() {
      if (!this->connected()) this->reconnect();
    }
    int read_some(char* buffer, int length) {
      return this->read(buffer, length);
    }
    void send_all(std::string_view bytes) {
      while (!bytes.empty()) {
        const int n = this->write(
            bytes.data(), static_cast<std::streamsize>(
                              std::min<size_t>(bytes.size(), 1u << 30)));
        if (n <= 0) throw Poco::Net::NetException("request not sent");
        bytes.remove_prefix(static_cast<size_t>(n));
      }
    }
  };

  ResponseHead read_one_head() {
    unread_.erase(0, unread_at_);
    unread_at_ = 0;
    size_t scanned = 0;
    for (;;) {
      auto length = response_head_length(unread_, scanned);
      if (length && *length <= kMaxResponseHeadBytes) {
        ResponseHead head =
            parse_response_head(std::string_view(unread_).substr(0, *length));
        unread_at_ = *length;
        return head;
      }
      scanned = unread_.size();
      if (length || scanned > kMaxResponseHeadBytes)
        throw Poco::Net::MessageException(
            "malformed response head: longer than " +
            std::to_string(kMaxResponseHeadBytes) + " bytes");
      char buffer[8192];
      const int n = session_.read_some(buffer, sizeof buffer);
      if (n <= 0) {
        if (unread_.empty())
          throw Poco::Net::NoMessageException("connection closed");
        throw Poco::Net::MessageException(
            "malformed response head: connection closed within it");
      }
      unread_.append(buffer, static_cast<size_t>(n));
    }
  }

  Session session_;
  // Bytes read from the socket and not yet consumed: the rest of the head
  // being read, then whatever of the body came with it.
  std::string unread_;
  size_t unread_at_ = 0;
};

// A connection idle for less than this is taken without asking the kernel
// whether the peer closed it. Servers close idle connections after seconds
// (their keep-alive timeouts); one that closes sooner is met by the resend
// that `exchange` makes for a reused connection reset before any response.
// Under load connections come back within microseconds, and the poll(2)
// was a system call on every request's path.
constexpr auto kFreshIdle = std::chrono::milliseconds(200);

// An idle keep-alive socket has nothing to read; if it is readable the peer
// closed it (or sent junk), so it must not carry a request. One poll(2) on
// the descriptor: Socket::poll builds and closes an epoll set per call,
// four system calls.
bool looks_healthy(Connection& c, Clock::duration idle) {
  try {
    auto& s = c.session();
    if (!s.connected() || c.has_unread()) return false;
    if (idle < kFreshIdle) return true;
    pollfd p{s.socket().impl()->sockfd(), POLLIN, 0};
    return ::poll(&p, 1, 0) == 0;
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace

Connection::~Connection() {
  if (watch_fd_ >= 0) ::close(watch_fd_);
}

void Connection::watch(int fd) {
  if (watch_fd_ >= 0) ::close(watch_fd_);
  watch_fd_ = fd >= 0 ? ::dup(fd) : -1;
}

std::string Origin::key() const {
  return scheme + "://" + host + ":" + std::to_string(port);
}

ConnectionPool::ConnectionPool(const UpstreamPolicy& policy)
    : policy_(policy) {}

ConnectionPool::~ConnectionPool() = default;

Poco::Net::Context::Ptr ConnectionPool::tls_context() {
  std::lock_guard lock(mu_);
  if (!tls_) tls_ = make_client_tls_context(policy_);
  return tls_;
}

std::unique_ptr<Connection> ConnectionPool::acquire(const Origin& origin) {
  const auto max_idle = std::chrono::milliseconds(policy_.idle_timeout_ms);
  std::vector<std::unique_ptr<Connection>> stale;  // closed outside the lock
  std::unique_ptr<Connection> found;
  {
    std::lock_guard lock(mu_);
    auto it = idle_.find(origin.key());
    auto now = Clock::now();
    while (it != idle_.end() && !it->second.empty()) {
      auto c = std::move(it->second.back());
      it->second.pop_back();
      const auto idle = now - c->idle_since;
      if (idle < max_idle && looks_healthy(*c, idle)) {
        found = std::move(c);
        break;
      }
      stale.push_back(std::move(c));
    }
  }
  if (found) {
    found->reused = true;
    return found;
  }
  return fresh(origin);
}

std::unique_ptr<Connection> ConnectionPool::fresh(const Origin& origin) {
  std::unique_ptr<Connection> c;
  if (origin.scheme == "https")
    c = std::make_unique<SessionConnection<Poco::Net::HTTPSClientSession>>(
        origin.host, origin.port, tls_context());
  else
    c = std::make_unique<SessionConnection<Poco::Net::HTTPClientSession>>(
        origin.host, origin.port);
  auto& s = c->session();
  s.setKeepAlive(true);
  // The pool decides when an idle connection is too old; Poco's own
  // reconnect would hide from us whether a connection is reused.
  s.setKeepAliveTimeout(Poco::Timespan(
      static_cast<Poco::Timespan::TimeDiff>(policy_.idle_timeout_ms) * 2000));
  return c;
}

void ConnectionPool::release(const Origin& origin,
                             std::unique_ptr<Connection> connection) {
  if (!connection || !connection->session().connected()) return;
  connection->idle_since = Clock::now();
  std::lock_guard lock(mu_);
  auto& list = idle_[origin.key()];
  if (static_cast<int>(list.size()) >= policy_.max_idle_per_origin) return;
  list.push_back(std::move(connection));
}

size_t ConnectionPool::idle_count(const Origin& origin) const {
  std::lock_guard lock(mu_);
  auto it = idle_.find(origin.key());
  return it == idle_.end() ? 0 : it->second.size();
}

}  // namespace aihost::net
