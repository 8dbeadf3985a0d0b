#include "load_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <stdexcept>

#include "http_wire.hpp"
#include "sse_probe.hpp"

namespace aihost::bench {
namespace {

int64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

enum class Phase { kConnecting, kSending, kHead, kBody, kIdle };

struct Conn {
  int fd = -1;
  Phase phase = Phase::kIdle;
  size_t out_off = 0;
  std::string in;
  Head head;
  BodyReader body;
  std::string failure_body;  // the start of a non-2xx body
  int64_t start_ns = 0;
  SseProbe sse;
};

std::string build_request(const LoadOptions& o) {
  std::string r = "POST " + o.path + " HTTP/1.1\r\nHost: " + o.host_header +
                  "\r\nUser-Agent: aihost-bench-load\r\n";
  bool has_type = false, has_accept = false;
  for (const auto& h : o.headers) {
    std::string lower = to_lower(h.substr(0, h.find(':')));
    has_type |= lower == "content-type";
    has_accept |= lower == "accept";
    r += h + "\r\n";
  }
  if (!has_type) r += "Content-Type: application/json\r\n";
  if (!has_accept)
    r += o.stream ? "Accept: text/event-stream\r\n"
                  : "Accept: application/json\r\n";
  r += "Content-Length: " + std::to_string(o.body.size()) + "\r\n\r\n";
  r += o.body;
  return r;
}

class Runner {
 public:
  explicit Runner(const LoadOptions& o)
      : o_(o), request_(build_request(o)), conns_(o.concurrency) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) throw std::runtime_error("epoll_create1 failed");
  }
  ~Runner() {
    for (auto& c : conns_)
      if (c.fd >= 0) ::close(c.fd);
    ::close(epoll_);
  }

  LoadResult run() {
    const int64_t t0 = now_ns();
    measure_start_ = t0 + int64_t(o_.warmup_s * 1e9);
    measure_end_ = o_.duration_s > 0
                       ? measure_start_ + int64_t(o_.duration_s * 1e9)
                       : INT64_MAX;
    for (size_t i = 0; i < conns_.size(); ++i) open(i);
    epoll_event events[256];
    int64_t last_done = measure_start_;
    while (!finished()) {
      int64_t now = now_ns();
      if (now >= measure_end_) break;
      int wait_ms = 50;
      if (measure_end_ != INT64_MAX)
        wait_ms = static_cast<int>(
            std::min<int64_t>(50, (measure_end_ - now) / 1000000 + 1));
      int n = epoll_wait(epoll_, events, 256, wait_ms);
      if (n < 0 && errno != EINTR)
        throw std::runtime_error("epoll_wait failed");
      for (int i = 0; i < n; ++i) {
        size_t idx = events[i].data.u64;
        on_event(idx, events[i].events, last_done);
      }
      check_timeouts();
      if (fatal_) throw std::runtime_error(fatal_message_);
    }
    int64_t end = measure_end_ != INT64_MAX ? measure_end_ : last_done;
    result_.elapsed_s = static_cast<double>(end - measure_start_) / 1e9;
    return std::move(result_);
  }

 private:
  bool finished() const {
    return o_.requests > 0 && result_.ok + result_.failed >= o_.requests;
  }

  void open(size_t i) {
    Conn& c = conns_[i];
    if (c.fd >= 0) ::close(c.fd);
    c = Conn();
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) throw std::runtime_error("socket failed");
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(o_.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ++result_.connects;
    int r = connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    if (r != 0 && errno != EINPROGRESS) {
      connect_failed(std::strerror(errno));
      return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = i;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev);
    c.phase = Phase::kConnecting;
    c.start_ns = now_ns();
  }

  void connect_failed(const std::string& why) {
    // A server that refuses every connection gives nothing to measure.
    if (result_.ok == 0) {
      fatal_ = true;
      fatal_message_ =
          "cannot connect to 127.0.0.1:" + std::to_string(o_.port) + ": " + why;
    }
  }

  void start_request(size_t i) {
    Conn& c = conns_[i];
    if (now_ns() >= measure_end_ || finished()) {
      c.phase = Phase::kIdle;
      return;
    }
    c.phase = Phase::kSending;
    c.out_off = 0;
    c.in.clear();
    c.failure_body.clear();
    c.start_ns = now_ns();
    if (o_.stream) c.sse.reset(c.start_ns);
    send_more(i);
  }

  void send_more(size_t i) {
    Conn& c = conns_[i];
    while (c.out_off < request_.size()) {
      ssize_t n =
          write(c.fd, request_.data() + c.out_off, request_.size() - c.out_off);
      if (n > 0) {
        c.out_off += static_cast<size_t>(n);
      } else if (n < 0 && errno == EAGAIN) {
        set_interest(i, EPOLLIN | EPOLLOUT);
        return;
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        fail(i, "write failed: " + std::string(std::strerror(errno)));
        return;
      }
    }
    set_interest(i, EPOLLIN);
    c.phase = Phase::kHead;
  }

  void set_interest(size_t i, uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = i;
    epoll_ctl(epoll_, EPOLL_CTL_MOD, conns_[i].fd, &ev);
  }

  void on_event(size_t i, uint32_t events, int64_t& last_done) {
    Conn& c = conns_[i];
    if (c.phase == Phase::kConnecting) {
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0 || (events & EPOLLERR)) {
        connect_failed(std::strerror(err ? err : ECONNREFUSED));
        ::close(c.fd);
        c.fd = -1;
        if (!fatal_) open(i);
        return;
      }
      start_request(i);
      return;
    }
    if (c.phase == Phase::kSending && (events & EPOLLOUT)) send_more(i);
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) on_readable(i, last_done);
  }

  void on_readable(size_t i, int64_t& last_done) {
    Conn& c = conns_[i];
    char buf[65536];
    for (;;) {
      ssize_t n = read(c.fd, buf, sizeof buf);
      if (n > 0) {
        int64_t t = now_ns();
        if (!consume(i, std::string_view(buf, static_cast<size_t>(n)), t,
                     last_done))
          return;
        if (n < static_cast<ssize_t>(sizeof buf)) return;
        continue;
      }
      if (n < 0 && errno == EAGAIN) return;
      if (n < 0 && errno == EINTR) continue;
      // The server closed: the end of an until-close body, else a failure.
      if (c.phase == Phase::kBody && c.body.finish_on_close()) {
        complete(i, now_ns(), last_done, /*reuse=*/false);
      } else if (c.phase == Phase::kIdle) {
        open(i);
      } else {
        fail(i, "connection closed before the answer was complete");
      }
      return;
    }
  }

  // Returns false when the connection was replaced.
  bool consume(size_t i, std::string_view data, int64_t t, int64_t& last_done) {
    Conn& c = conns_[i];
    if (c.phase == Phase::kSending || c.phase == Phase::kIdle) {
      fail(i, "data arrived before the request was sent");
      return false;
    }
    c.in.append(data);
    while (true) {
      if (c.phase == Phase::kHead) {
        size_t used = 0;
        HeadResult r = parse_response_head(c.in, c.head, used);
        if (r == HeadResult::kIncomplete) return true;
        if (r == HeadResult::kMalformed) {
          fail(i, "malformed response head");
          return false;
        }
        c.in.erase(0, used);
        if (c.head.status == 100) continue;
        auto body = BodyReader::for_head(c.head, true);
        if (!body) {
          fail(i, "unsupported response framing");
          return false;
        }
        c.body = *body;
        c.phase = Phase::kBody;
        if (c.body.done()) {
          complete(i, t, last_done, c.head.keep_alive());
          return c.phase != Phase::kConnecting;
        }
      }
      bool ok2xx = c.head.status >= 200 && c.head.status < 300;
      long used = c.body.feed(c.in, [&](std::string_view piece) {
        if (!ok2xx) {
          if (c.failure_body.size() < 400) c.failure_body.append(piece);
        } else if (o_.stream) {
          c.sse.feed(piece, t);
        }
      });
      if (used < 0) {
        fail(i, "malformed chunked response");
        return false;
      }
      c.in.erase(0, static_cast<size_t>(used));
      if (!c.body.done()) return true;
      complete(i, t, last_done, c.head.keep_alive());
      return c.phase != Phase::kConnecting;
    }
  }

  bool in_window(const Conn& c, int64_t t) const {
    return c.start_ns >= measure_start_ && t <= measure_end_;
  }

  void complete(size_t i, int64_t t, int64_t& last_done, bool reuse) {
    Conn& c = conns_[i];
    bool ok = c.head.status >= 200 && c.head.status < 300;
    bool stream_ok = !o_.stream || (c.sse.saw_done() && !c.sse.saw_error() &&
                                    c.sse.ttft_ns() >= 0);
    if (in_window(c, t)) {
      ++result_.statuses[c.head.status];
      last_done = t;
      if (ok && stream_ok) {
        ++result_.ok;
        result_.latency_ns.push_back(t - c.start_ns);
        if (o_.stream) {
          result_.ttft_ns.push_back(c.sse.ttft_ns());
          result_.gap_ns.insert(result_.gap_ns.end(), c.sse.gaps_ns().begin(),
                                c.sse.gaps_ns().end());
        }
      } else {
        ++result_.failed;
        if (ok) ++result_.incomplete_streams;
        if (result_.first_failure.empty())
          result_.first_failure =
              "HTTP " + std::to_string(c.head.status) +
              (ok ? ": the stream ended without content and [DONE]"
                  : ": " + c.failure_body.substr(0, 300));
      }
    }
    if (reuse && c.in.empty()) {
      start_request(i);
    } else {
      open(i);
      c.phase = Phase::kConnecting;
    }
  }

  void fail(size_t i, const std::string& why) {
    Conn& c = conns_[i];
    if (c.start_ns >= measure_start_ && now_ns() <= measure_end_) {
      ++result_.failed;
      if (result_.first_failure.empty()) result_.first_failure = why;
    }
    open(i);
  }

  void check_timeouts() {
    int64_t now = now_ns();
    int64_t limit = int64_t(o_.timeout_ms) * 1000000;
    for (size_t i = 0; i < conns_.size(); ++i) {
      Conn& c = conns_[i];
      if (c.phase == Phase::kIdle || now - c.start_ns < limit) continue;
      if (c.start_ns >= measure_start_) ++result_.timeouts;
      fail(i, "no complete answer within " + std::to_string(o_.timeout_ms) +
                  " ms");
    }
  }

  const LoadOptions& o_;
  const std::string request_;
  std::vector<Conn> conns_;
  int epoll_ = -1;
  int64_t measure_start_ = 0, measure_end_ = 0;
  bool fatal_ = false;
  std::string fatal_message_;
  LoadResult result_;
};

}  // namespace

LoadResult run_load(const LoadOptions& options) {
  if (options.concurrency < 1)
    throw std::runtime_error("concurrency must be at least 1");
  Runner runner(options);
  return runner.run();
}

}  // namespace aihost::bench
