// aihost-bench-upstream: a fake OpenAI chat completions server for gateway
// benchmarks. Prints "listening on http://127.0.0.1:PORT" once ready and, on
// SIGINT or SIGTERM, what it served.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "upstream_server.hpp"

namespace {

volatile bool g_stop = false;
void on_signal(int) { g_stop = true; }

constexpr const char* kUsage =
    "usage: aihost-bench-upstream [--port N] [--latency-ms MS] "
    "[--chunk-gap-ms MS] [--chunks N] [--words N] [--api-key-file FILE]\n"
    "  --port N          port on 127.0.0.1 (default 0: a free one)\n"
    "  --latency-ms MS   delay before an answer or a stream's first chunk "
    "(20)\n"
    "  --chunk-gap-ms MS gap between stream content chunks (20)\n"
    "  --chunks N        content chunks per stream (64)\n"
    "  --words N         completion tokens of a non-streamed answer (48)\n"
    "  --api-key-file F  accept only this bearer key (first line of F)\n";

int number(const char* flag, const char* v, int lo, int hi) {
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (!*v || *end || n < lo || n > hi) {
    std::cerr << "aihost-bench-upstream: " << flag << " takes an integer " << lo
              << "-" << hi << "\n";
    std::exit(2);
  }
  return static_cast<int>(n);
}

}  // namespace

int main(int argc, char** argv) {
  aihost::bench::UpstreamOptions opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (i + 1 >= argc) {
      std::cerr << "aihost-bench-upstream: unknown or incomplete option '" << a
                << "'\n"
                << kUsage;
      return 2;
    }
    const char* v = argv[++i];
    if (a == "--port") {
      opt.port = number("--port", v, 0, 65535);
    } else if (a == "--latency-ms") {
      opt.latency_ms = number("--latency-ms", v, 0, 600000);
    } else if (a == "--chunk-gap-ms") {
      opt.chunk_gap_ms = number("--chunk-gap-ms", v, 0, 60000);
    } else if (a == "--chunks") {
      opt.chunks = number("--chunks", v, 1, 100000);
    } else if (a == "--words") {
      opt.words = number("--words", v, 1, 100000);
    } else if (a == "--api-key-file") {
      FILE* f = std::fopen(v, "r");
      char line[512] = {};
      if (!f || !std::fgets(line, sizeof line, f)) {
        std::cerr << "aihost-bench-upstream: cannot read the key file\n";
        if (f) std::fclose(f);
        return 2;
      }
      std::fclose(f);
      opt.api_key = line;
      while (!opt.api_key.empty() && std::strchr(" \r\n\t", opt.api_key.back()))
        opt.api_key.pop_back();
    } else {
      std::cerr << "aihost-bench-upstream: unknown option '" << a << "'\n"
                << kUsage;
      return 2;
    }
  }
  // No SA_RESTART: the signal must interrupt epoll_wait.
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  try {
    aihost::bench::UpstreamServer server(opt);
    std::cout << "listening on http://127.0.0.1:" << server.port() << std::endl;
    server.run(g_stop);
    const auto& n = server.counters();
    std::cout << "served " << n.completions << " completions, " << n.streams
              << " streams, " << n.errors << " errors over " << n.connections
              << " connections" << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "aihost-bench-upstream: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
