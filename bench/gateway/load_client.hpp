// The load generator's engine: a fixed number of keep-alive connections on
// one epoll thread, each sending the same request again as soon as the last
// answer is complete (a closed loop), for a duration or a request count.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace aihost::bench {

struct LoadOptions {
  int port = 0;  // always 127.0.0.1
  std::string path = "/";
  std::string host_header;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  int concurrency = 1;
  double duration_s = 0;  // measure for this long, or
  uint64_t requests = 0;  // until this many answers
  double warmup_s = 0;    // answers before this are not recorded
  bool stream = false;    // expect SSE: record time to first token and gaps
  int timeout_ms = 30000;
};

struct LoadResult {
  double elapsed_s = 0;
  uint64_t ok = 0, failed = 0, timeouts = 0, connects = 0;
  uint64_t incomplete_streams = 0;
  std::map<int, uint64_t> statuses;
  std::vector<int64_t> latency_ns, ttft_ns, gap_ns;
  std::string first_failure;  // what the first failed answer said
};

// Throws std::runtime_error when nothing can be measured (e.g. refused).
LoadResult run_load(const LoadOptions& options);

}  // namespace aihost::bench
