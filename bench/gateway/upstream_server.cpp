#include "upstream_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace aihost::bench {

struct UpstreamServer::Conn {
  enum class Phase { kHead, kBody, kWaiting, kStreaming };
  int fd = -1;
  uint64_t gen = 0;
  Phase phase = Phase::kHead;
  std::string in, out;
  size_t out_off = 0;
  bool want_write = false, close_after = false, keep_alive = true;
  Head head;
  BodyReader body;
  std::string req_body;
  ChatRequest req;
  uint64_t reply_id = 0;
  int64_t created_s = 0, start_ns = 0;
  int step = 0;  // next stream step: 0 head and role chunk, then content
};

namespace {

int64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    default:
      return "Error";
  }
}

std::string request_id(uint64_t n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "req_%016llx",
                static_cast<unsigned long long>(n * 0x9e3779b97f4a7c15ULL));
  return buf;
}

// The headers OpenAI sends with every answer that a gateway may pass on.
std::string common_headers(uint64_t reply, int processing_ms, bool keep) {
  std::string h = "openai-version: 2020-10-01\r\nopenai-processing-ms: ";
  h += std::to_string(processing_ms);
  h += "\r\nx-request-id: " + request_id(reply);
  h += "\r\nx-ratelimit-limit-requests: 10000\r\n"
       "x-ratelimit-remaining-requests: 9999\r\n"
       "x-ratelimit-reset-requests: 6ms\r\n"
       "x-ratelimit-limit-tokens: 10000000\r\n"
       "x-ratelimit-remaining-tokens: 9999500\r\n"
       "x-ratelimit-reset-tokens: 3ms\r\n";
  h += keep ? "connection: keep-alive\r\n" : "connection: close\r\n";
  return h;
}

std::string chunked(std::string_view data) {
  char size[20];
  int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string out(size, static_cast<size_t>(n));
  out += data;
  out += "\r\n";
  return out;
}

std::string path_of(const std::string& target) {
  return target.substr(0, target.find('?'));
}

}  // namespace

UpstreamServer::UpstreamServer(UpstreamOptions options)
    : opt_(std::move(options)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) fail("socket");
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(opt_.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // never another interface
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    fail("bind 127.0.0.1:" + std::to_string(opt_.port));
  if (listen(listen_fd_, 4096) != 0) fail("listen");
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);

  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  timer_fd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (epoll_fd_ < 0 || timer_fd_ < 0) fail("epoll/timerfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listen_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &ev);
  ev.data.fd = timer_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, timer_fd_, &ev);
}

UpstreamServer::~UpstreamServer() {
  for (auto& c : conns_)
    if (c) ::close(c->fd);
  for (int fd : {listen_fd_, epoll_fd_, timer_fd_})
    if (fd >= 0) ::close(fd);
}

void UpstreamServer::run(const volatile bool& stop) {
  epoll_event events[256];
  while (!stop) {
    int n = epoll_wait(epoll_fd_, events, 256, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("epoll_wait");
    }
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == listen_fd_) {
        accept_all();
      } else if (fd == timer_fd_) {
        uint64_t expirations;
        while (read(timer_fd_, &expirations, sizeof expirations) > 0) {
        }
        armed_ns_ = 0;
        fire_timers();
      } else if (fd < static_cast<int>(conns_.size()) && conns_[fd]) {
        Conn& c = *conns_[fd];
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
          close_conn(fd);
          continue;
        }
        if (events[i].events & EPOLLOUT) flush(c);
        if (conns_[fd] && (events[i].events & EPOLLIN)) on_readable(c);
      }
    }
  }
}

void UpstreamServer::accept_all() {
  for (;;) {
    int fd =
        accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN, or a transient error: retried on next event
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (fd >= static_cast<int>(conns_.size())) conns_.resize(fd + 64);
    auto c = std::make_unique<Conn>();
    c->fd = fd;
    c->gen = next_gen_++;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
    conns_[fd] = std::move(c);
    ++counters_.connections;
  }
}

void UpstreamServer::on_readable(Conn& c) {
  char buf[16384];
  for (;;) {
    ssize_t n = read(c.fd, buf, sizeof buf);
    if (n > 0) {
      c.in.append(buf, static_cast<size_t>(n));
      if (n < static_cast<ssize_t>(sizeof buf)) break;
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
    close_conn(c.fd);  // the peer closed or the socket failed
    return;
  }
  process(c);
}

// Parses requests one at a time; a pipelined request waits until the answer
// before it is complete.
void UpstreamServer::process(Conn& c) {
  const int fd = c.fd;
  const uint64_t gen = c.gen;
  while (alive(fd, gen) && !c.close_after) {
    if (c.phase == Conn::Phase::kHead) {
      size_t used = 0;
      HeadResult r = parse_request_head(c.in, c.head, used);
      if (r == HeadResult::kIncomplete) return;
      c.keep_alive = r == HeadResult::kDone && c.head.keep_alive();
      if (r == HeadResult::kMalformed) {
        c.keep_alive = false;
        reply_error(c, api_error(400, "Malformed HTTP request",
                                 "invalid_request_error", "", ""));
        return;
      }
      c.in.erase(0, used);
      auto body = BodyReader::for_head(c.head, false);
      if (!body) {
        c.keep_alive = false;
        reply_error(c, api_error(400, "Unsupported request body framing",
                                 "invalid_request_error", "", ""));
        return;
      }
      if (body->framing() == BodyReader::Framing::kLength &&
          body->remaining() > opt_.max_body) {
        c.keep_alive = false;  // the body is not read: the stream is lost
        reply_error(c, api_error(413, "Request body too large",
                                 "invalid_request_error", "", ""));
        return;
      }
      c.body = *body;
      c.req_body.clear();
      c.phase = Conn::Phase::kBody;
    }
    if (c.phase != Conn::Phase::kBody) return;
    bool too_big = false;
    long used = c.body.feed(c.in, [&](std::string_view d) {
      if (c.req_body.size() + d.size() > opt_.max_body)
        too_big = true;
      else
        c.req_body.append(d);
    });
    if (used < 0 || too_big) {
      c.keep_alive = false;
      reply_error(c, used < 0 ? api_error(400, "Malformed chunked body",
                                          "invalid_request_error", "", "")
                              : api_error(413, "Request body too large",
                                          "invalid_request_error", "", ""));
      return;
    }
    c.in.erase(0, static_cast<size_t>(used));
    if (!c.body.done()) return;
    handle_request(c);  // may close the connection: the loop checks
  }
}

void UpstreamServer::handle_request(Conn& c) {
  const std::string path = path_of(c.head.target);
  if (path != "/v1/chat/completions") {
    return reply_error(
        c, api_error(404, "Invalid URL (" + c.head.method + " " + path + ")",
                     "invalid_request_error", "", ""));
  }
  if (c.head.method != "POST") {
    return reply_error(c, api_error(405,
                                    "Invalid method for URL (" + c.head.method +
                                        " " + path + ")",
                                    "invalid_request_error", "", ""));
  }
  const std::string* auth = c.head.header("authorization");
  if (!auth || auth->rfind("Bearer ", 0) != 0 || auth->size() <= 7) {
    return reply_error(
        c, api_error(401,
                     "You didn't provide an API key. You need to provide your "
                     "API key in an Authorization header using Bearer auth "
                     "(i.e. Authorization: Bearer YOUR_KEY).",
                     "invalid_request_error", "", ""));
  }
  if (!opt_.api_key.empty() &&
      auth->compare(7, std::string::npos, opt_.api_key) != 0) {
    // Like the API, name only the key's last four characters.
    std::string tail = auth->size() > 11 ? auth->substr(auth->size() - 4) : "";
    return reply_error(
        c, api_error(401, "Incorrect API key provided: sk-..." + tail + ".",
                     "invalid_request_error", "", "invalid_api_key"));
  }
  const std::string* type = c.head.header("content-type");
  if (!type || to_lower(*type).rfind("application/json", 0) != 0) {
    return reply_error(c, api_error(415,
                                    "Unsupported content type; use "
                                    "application/json",
                                    "invalid_request_error", "", ""));
  }
  ApiError error;
  if (!parse_chat_request(c.req_body, c.req, error))
    return reply_error(c, error);
  c.reply_id = next_reply_++;
  c.created_s = static_cast<int64_t>(std::time(nullptr));
  c.start_ns = now_ns();
  c.step = 0;
  if (c.req.stream) {
    ++counters_.streams;
    c.phase = Conn::Phase::kStreaming;
  } else {
    ++counters_.completions;
    c.phase = Conn::Phase::kWaiting;
  }
  if (opt_.latency_ms > 0)
    schedule(c, c.start_ns + int64_t(opt_.latency_ms) * 1000000);
  else if (c.req.stream)
    stream_step(c);
  else
    reply_completion(c);
}

void UpstreamServer::reply_error(Conn& c, const ApiError& e) {
  ++counters_.errors;
  std::string r = "HTTP/1.1 " + std::to_string(e.status) + " " +
                  reason(e.status) + "\r\ncontent-type: application/json\r\n" +
                  common_headers(next_reply_++, 0, c.keep_alive) +
                  "content-length: " + std::to_string(e.body.size()) +
                  "\r\n\r\n" + e.body;
  if (send(c, r)) finish_response(c);
}

void UpstreamServer::reply_completion(Conn& c) {
  ChatReply reply(c.req, c.reply_id, c.created_s);
  std::string body = reply.completion(opt_.words);
  std::string r = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n" +
                  common_headers(c.reply_id, opt_.latency_ms, c.keep_alive) +
                  "content-length: " + std::to_string(body.size()) +
                  "\r\n\r\n" + body;
  if (send(c, r)) finish_response(c);
}

// Step 0 sends the head and the role chunk; step k sends content chunk k;
// the last also the finish chunk, the usage chunk when asked, and [DONE].
void UpstreamServer::stream_step(Conn& c) {
  ChatReply reply(c.req, c.reply_id, c.created_s);
  std::string out;
  if (c.step == 0) {
    out =
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8"
        "\r\ntransfer-encoding: chunked\r\ncache-control: no-cache\r\n" +
        common_headers(c.reply_id, opt_.latency_ms, c.keep_alive) + "\r\n";
    out += chunked(sse_event(reply.role_chunk()));
  } else {
    out = chunked(sse_event(reply.content_chunk(c.step - 1)));
  }
  bool last = c.step >= opt_.chunks;
  if (last) {
    std::string tail = sse_event(reply.finish_chunk());
    if (c.req.include_usage) tail += sse_event(reply.usage_chunk(opt_.chunks));
    tail += "data: [DONE]\n\n";
    out += chunked(tail);
    out += "0\r\n\r\n";
  }
  if (!send(c, out)) return;
  if (last) {
    finish_response(c);
    return;
  }
  ++c.step;
  // From the start, not from now, so that gaps do not drift under load.
  schedule(c, c.start_ns + int64_t(opt_.latency_ms) * 1000000 +
                  int64_t(c.step) * opt_.chunk_gap_ms * 1000000);
}

void UpstreamServer::finish_response(Conn& c) {
  c.phase = Conn::Phase::kHead;
  if (!c.keep_alive) {
    c.close_after = true;
    if (c.out_off >= c.out.size()) close_conn(c.fd);
  }
}

void UpstreamServer::schedule(Conn& c, int64_t due_ns) {
  timers_.push({due_ns, c.fd, c.gen});
  rearm_timer();
}

void UpstreamServer::rearm_timer() {
  if (timers_.empty()) return;
  int64_t due = timers_.top().due_ns;
  if (armed_ns_ != 0 && armed_ns_ <= due) return;
  itimerspec spec{};
  spec.it_value.tv_sec = due / 1000000000;
  spec.it_value.tv_nsec = due % 1000000000;
  if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0)
    spec.it_value.tv_nsec = 1;
  timerfd_settime(timer_fd_, TFD_TIMER_ABSTIME, &spec, nullptr);
  armed_ns_ = due;
}

void UpstreamServer::fire_timers() {
  int64_t now = now_ns();
  while (!timers_.empty() && timers_.top().due_ns <= now) {
    Timer t = timers_.top();
    timers_.pop();
    if (!alive(t.fd, t.gen)) continue;  // the connection closed meanwhile
    Conn& c = *conns_[t.fd];
    if (c.phase == Conn::Phase::kStreaming)
      stream_step(c);
    else if (c.phase == Conn::Phase::kWaiting)
      reply_completion(c);
    // A request pipelined behind the one just answered.
    if (alive(t.fd, t.gen)) process(c);
  }
  rearm_timer();
}

bool UpstreamServer::send(Conn& c, std::string_view bytes) {
  if (c.out_off >= c.out.size()) {
    c.out.clear();
    c.out_off = 0;
  }
  c.out.append(bytes);
  const int fd = c.fd;
  const uint64_t gen = c.gen;
  flush(c);
  return alive(fd, gen);
}

bool UpstreamServer::alive(int fd, uint64_t gen) const {
  return fd >= 0 && fd < static_cast<int>(conns_.size()) && conns_[fd] &&
         conns_[fd]->gen == gen;
}

void UpstreamServer::flush(Conn& c) {
  while (c.out_off < c.out.size()) {
    ssize_t n = write(c.fd, c.out.data() + c.out_off, c.out.size() - c.out_off);
    if (n > 0) {
      c.out_off += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;
    close_conn(c.fd);
    return;
  }
  if (c.out_off >= c.out.size() && c.close_after) {
    close_conn(c.fd);
    return;
  }
  update_interest(c);
}

void UpstreamServer::update_interest(Conn& c) {
  bool want = c.out_off < c.out.size();
  if (want == c.want_write) return;
  c.want_write = want;
  epoll_event ev{};
  ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
  ev.data.fd = c.fd;
  epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &ev);
}

void UpstreamServer::close_conn(int fd) {
  if (fd < 0 || fd >= static_cast<int>(conns_.size()) || !conns_[fd]) return;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  ::close(fd);
  conns_[fd].reset();
}

}  // namespace aihost::bench
