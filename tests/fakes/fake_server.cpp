#include "fakes/fake_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace aihost::fakes {
namespace {

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
  }
  return "Status";
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void sleep_ms(int ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// Reads until `buf` holds `want` bytes past `from`, or the peer closes.
bool read_more(int fd, std::string& buf) {
  char tmp[65536];
  for (;;) {
    ssize_t n = ::recv(fd, tmp, sizeof(tmp), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buf.append(tmp, static_cast<size_t>(n));
    return true;
  }
}

void abort_connection(int fd) {
  linger lg{1, 0};  // close with RST, as a crashed peer would
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
  ::close(fd);
}

}  // namespace

std::string url_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(
          std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::optional<std::string> FakeRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k.size() == name.size() &&
        strncasecmp(k.data(), name.data(), name.size()) == 0)
      return v;
  return std::nullopt;
}

std::optional<std::string> FakeRequest::param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> FakeRequest::params(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = query.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

FakeResponse FakeResponse::json(int status, std::string body) {
  FakeResponse r;
  r.status = status;
  r.headers.push_back({"Content-Type", "application/json"});
  r.body = std::move(body);
  return r;
}

FakeServer::FakeServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fake server: socket failed");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) !=
          0 ||
      ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("fake server: bind/listen failed");
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FakeServer::~FakeServer() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    workers.swap(workers_);
  }
  for (auto& t : workers)
    if (t.joinable()) t.join();
}

std::string FakeServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

std::vector<FakeRequest> FakeServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

size_t FakeServer::request_count() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

void FakeServer::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, 100);
    if (r <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ++connections_;
    std::lock_guard lock(mu_);
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void FakeServer::serve(int fd) {
  const int orig_fd = fd;
  std::string buf;
  bool closed = false;
  while (!stopping_ && !closed) {
    size_t head_end;
    while ((head_end = buf.find("\r\n\r\n")) == std::string::npos)
      if (!read_more(fd, buf)) {
        closed = true;
        break;
      }
    if (closed) break;

    FakeRequest req;
    std::string head = buf.substr(0, head_end);
    buf.erase(0, head_end + 4);
    size_t line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    size_t sp1 = request_line.find(' ');
    size_t sp2 = request_line.rfind(' ');
    req.method = request_line.substr(0, sp1);
    req.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) {
      std::string_view qs(req.target);
      qs.remove_prefix(q + 1);
      while (!qs.empty()) {
        size_t amp = qs.find('&');
        std::string_view kv = qs.substr(0, amp);
        size_t eq = kv.find('=');
        req.query.emplace(
            url_decode(kv.substr(0, eq)),
            eq == std::string_view::npos ? "" : url_decode(kv.substr(eq + 1)));
        if (amp == std::string_view::npos) break;
        qs.remove_prefix(amp + 1);
      }
    }
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t e = head.find("\r\n", pos);
      if (e == std::string::npos) e = head.size();
      std::string line = head.substr(pos, e - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        req.headers.emplace_back(line.substr(0, colon), value);
      }
      pos = e + 2;
    }
    size_t length = 0;
    if (auto cl = req.header("Content-Length")) length = std::stoul(*cl);
    if (auto te = req.header("Transfer-Encoding");
        te && strcasecmp(te->c_str(), "chunked") == 0) {
      // Decode a chunked request body.
      for (;;) {
        size_t le;
        while ((le = buf.find("\r\n")) == std::string::npos)
          if (!read_more(fd, buf)) {
            closed = true;
            break;
          }
        if (closed) break;
        size_t n = std::stoul(buf.substr(0, le), nullptr, 16);
        while (buf.size() < le + 2 + n + 2)
          if (!read_more(fd, buf)) {
            closed = true;
            break;
          }
        if (closed) break;
        req.body.append(buf, le + 2, n);
        buf.erase(0, le + 2 + n + 2);
        if (n == 0) break;
      }
      if (closed) break;
    } else {
      while (buf.size() < length)
        if (!read_more(fd, buf)) {
          closed = true;
          break;
        }
      if (closed) break;
      req.body = buf.substr(0, length);
      buf.erase(0, length);
    }
    {
      std::lock_guard lock(mu_);
      requests_.push_back(req);
    }

    FakeResponse resp;
    try {
      resp = handler_(req);
    } catch (const std::exception& e) {
      resp = FakeResponse::json(
          500, std::string("{\"fake_server_error\":\"") + e.what() + "\"}");
    }
    sleep_ms(resp.delay_ms);
    if (resp.reset) {
      {
        std::lock_guard lock(mu_);
        open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd),
                        open_fds_.end());
      }
      abort_connection(fd);
      fd = -1;
      break;
    }
    if (!resp.raw.empty()) {
      if (!send_all(fd, resp.raw) || resp.close_after) break;
      continue;
    }
    std::string out = "HTTP/1.1 " + std::to_string(resp.status) + " " +
                      reason(resp.status) + "\r\n";
    for (const auto& [k, v] : resp.headers) out += k + ": " + v + "\r\n";
    bool chunked = !resp.chunks.empty() || resp.cut;
    if (chunked)
      out += "Transfer-Encoding: chunked\r\n\r\n";
    else
      out += "Content-Length: " + std::to_string(resp.body.size()) +
             "\r\n\r\n" + resp.body;
    if (!send_all(fd, out)) break;
    if (chunked) {
      bool ok = true;
      for (size_t i = 0; i < resp.chunks.size() && ok; ++i) {
        if (i > 0) sleep_ms(resp.chunk_gap_ms);
        const auto& c = resp.chunks[i];
        if (c.empty()) continue;
        char size[32];
        std::snprintf(size, sizeof(size), "%zx\r\n", c.size());
        ok = send_all(fd, std::string(size) + c + "\r\n");
      }
      if (!ok) break;
      if (resp.cut) {
        {
          std::lock_guard lock(mu_);
          open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd),
                          open_fds_.end());
        }
        abort_connection(fd);
        fd = -1;
        break;
      }
      if (!send_all(fd, "0\r\n\r\n")) break;
    }
    if (auto c = req.header("Connection");
        c && strcasecmp(c->c_str(), "close") == 0)
      break;
    if (resp.close_after) break;
  }
  std::lock_guard lock(mu_);
  open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), orig_fd),
                  open_fds_.end());
  if (fd >= 0) ::close(fd);
}

}  // namespace aihost::fakes
