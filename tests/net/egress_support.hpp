// Helpers shared by the egress tests: a sink that records what it got, a
// policy with short waits, and scripted server answers.
#pragma once

#include "fakes/fake_server.hpp"
#include "net/egress.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace aihost::net::testing {

struct Received {
  int status = 0;
  std::vector<Header> headers;
  std::string body;
  std::vector<std::string> chunks;
  std::vector<Clock::time_point> chunk_times;
  int heads = 0;

  Sink sink() {
    Sink s;
    s.on_head = [this](int st, const std::vector<Header>& h) {
      status = st;
      headers = h;
      ++heads;
      return true;
    };
    s.on_body = [this](std::string_view d) {
      body.append(d);
      chunks.emplace_back(d);
      chunk_times.push_back(Clock::now());
      return true;
    };
    return s;
  }
};

inline UpstreamPolicy fast_policy() {
  UpstreamPolicy p;
  p.connect_timeout_ms = 1000;
  p.read_timeout_ms = 2000;
  p.total_timeout_ms = 5000;
  p.max_retries = 2;
  p.backoff_initial_ms = 10;
  p.backoff_max_ms = 40;
  p.max_retry_after_ms = 1000;
  return p;
}

inline Request post(const fakes::FakeServer& server,
                    std::string path = "/v1/echo") {
  Request r;
  r.method = "POST";
  r.url = server.base_url() + path;
  r.headers = {{"Content-Type", "application/json"},
               {"Authorization", "Bearer sk-test-secret-0123"}};
  r.body = R"({"input":"hello egress"})";
  return r;
}

// Answers the n-th request with script[n], and the last entry afterwards.
inline fakes::FakeServer::Handler scripted(
    std::vector<fakes::FakeResponse> script) {
  auto calls = std::make_shared<std::atomic<size_t>>(0);
  return [script = std::move(script), calls](const fakes::FakeRequest&) {
    size_t n = calls->fetch_add(1);
    return script[std::min(n, script.size() - 1)];
  };
}

inline fakes::FakeResponse with_headers(
    fakes::FakeResponse r,
    std::vector<std::pair<std::string, std::string>> headers) {
  for (auto& h : headers) r.headers.push_back(std::move(h));
  return r;
}

inline const std::string kRateLimited =
    R"({"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}})";
inline const std::string kOk = R"({"result":"fine"})";

inline int64_t elapsed_ms(Clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                               since)
      .count();
}

}  // namespace aihost::net::testing
