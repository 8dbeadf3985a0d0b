// The fake OpenAI upstream: one epoll thread serving keep-alive HTTP/1.1 on
// 127.0.0.1, answering POST /v1/chat/completions after a fixed delay, or as
// an SSE stream of content chunks a fixed gap apart. Delays are timers, never
// sleeps, so a thousand waiting requests cost a thousand heap entries.
#pragma once

#include <cstdint>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "chat_payloads.hpp"
#include "http_wire.hpp"

namespace aihost::bench {

struct UpstreamOptions {
  int port = 0;               // 0 picks a free one
  int latency_ms = 20;        // before the answer, or before the first chunk
  int chunk_gap_ms = 20;      // between stream chunks
  int chunks = 64;            // content chunks per stream
  int words = 48;             // completion tokens of a non-streamed answer
  std::string api_key;        // when set, any other bearer key gets a 401
  size_t max_body = 4 << 20;  // larger request bodies get a 413
};

struct UpstreamCounters {
  uint64_t connections = 0, completions = 0, streams = 0, errors = 0;
};

class UpstreamServer {
 public:
  explicit UpstreamServer(UpstreamOptions options);
  ~UpstreamServer();
  UpstreamServer(const UpstreamServer&) = delete;
  UpstreamServer& operator=(const UpstreamServer&) = delete;

  int port() const { return port_; }
  // Serves until `stop` becomes true (checked when a signal interrupts).
  void run(const volatile bool& stop);
  const UpstreamCounters& counters() const { return counters_; }

 private:
  struct Conn;
  struct Timer {
    int64_t due_ns;
    int fd;
    uint64_t gen;
    bool operator>(const Timer& o) const { return due_ns > o.due_ns; }
  };

  void accept_all();
  void on_readable(Conn& c);
  void process(Conn& c);
  void handle_request(Conn& c);
  void reply_error(Conn& c, const ApiError& e);
  void reply_completion(Conn& c);
  void stream_step(Conn& c);
  void finish_response(Conn& c);
  void schedule(Conn& c, int64_t due_ns);
  void fire_timers();
  void rearm_timer();
  // False when the connection failed and is gone: `c` is then dangling.
  bool send(Conn& c, std::string_view bytes);
  bool alive(int fd, uint64_t gen) const;
  void flush(Conn& c);
  void update_interest(Conn& c);
  void close_conn(int fd);

  UpstreamOptions opt_;
  int listen_fd_ = -1, epoll_fd_ = -1, timer_fd_ = -1, port_ = 0;
  uint64_t next_gen_ = 1, next_reply_ = 1;
  int64_t armed_ns_ = 0;
  std::vector<std::unique_ptr<Conn>> conns_;  // by fd
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  UpstreamCounters counters_;
};

}  // namespace aihost::bench
