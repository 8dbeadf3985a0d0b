// A scriptable HTTP/1.1 server on 127.0.0.1 for tests: the base of the fake
// OpenAI, Deepgram and Presidio upstreams. Built on raw sockets so that a
// test can script what real servers do under stress: slow answers,
// connection resets, and streams cut before their end marker.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace aihost::fakes {

struct FakeRequest {
  std::string method;
  std::string target;                             // path and query as sent
  std::string path;                               // without the query
  std::multimap<std::string, std::string> query;  // decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Case-insensitive; the first match.
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> param(const std::string& name) const;
  std::vector<std::string> params(const std::string& name) const;
};

struct FakeResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;    // wait before sending anything
  bool reset = false;  // drop the connection (RST) instead of answering
  // When set, the body is sent as these chunks with `chunk_gap_ms` between
  // them (chunked transfer encoding), then the terminating chunk unless
  // `cut` is true, in which case the connection is dropped mid-stream.
  std::vector<std::string> chunks;
  int chunk_gap_ms = 0;
  bool cut = false;
  // Close the connection after answering, without a "Connection: close"
  // header: what a server does to a keep-alive connection it has let idle.
  bool close_after = false;
  // When not empty, these bytes are the whole answer, sent as they are
  // (status line, fields, body): for heads no well-behaved server sends.
  std::string raw;

  static FakeResponse json(int status, std::string body);
};

class FakeServer {
 public:
  using Handler = std::function<FakeResponse(const FakeRequest&)>;

  explicit FakeServer(Handler handler);
  ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // http://127.0.0.1:PORT

  // Every request received so far, in order of arrival.
  std::vector<FakeRequest> requests() const;
  size_t request_count() const;
  size_t connection_count() const { return connections_.load(); }

 private:
  void accept_loop();
  void serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> connections_{0};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::vector<FakeRequest> requests_;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
};

// Percent-decoding of a query component ('+' as space).
std::string url_decode(std::string_view s);

}  // namespace aihost::fakes
