// The API log's batching writer, read back through a pipe: every line
// whole and in order, urgent lines at once, idle lines after the delay,
// and nothing left behind when it is destroyed.
#include "api/log_writer.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using aihost::api::LineWriter;
using namespace std::chrono_literals;

namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    REQUIRE(::pipe(fds) == 0);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
  }
  ~Pipe() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
  // What is readable until `bytes` have come or `wait` has passed.
  std::string read_for(std::chrono::milliseconds wait, size_t bytes = 0) {
    std::string out;
    const auto until = std::chrono::steady_clock::now() + wait;
    for (;;) {
      char buf[65536];
      const ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n > 0) {
        out.append(buf, static_cast<size_t>(n));
        if (bytes > 0 && out.size() >= bytes) return out;
        continue;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return out;
      pollfd p{fds[0], POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(left.count()));
    }
  }
  // What is readable now, without waiting.
  std::string read_now() { return read_for(0ms); }
};

}  // namespace

TEST_CASE("lines from many threads arrive whole and each thread's in order",
          "[api][log]") {
  Pipe pipe;
  constexpr int kThreads = 8, kLines = 2000;
  {
    LineWriter writer(pipe.fds[1], 20ms, 4096);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&writer, t] {
        for (int i = 0; i < kLines; ++i)
          writer.add("{\"thread\":" + std::to_string(t) +
                     ",\"line\":" + std::to_string(i) + "}\n");
      });
    for (auto& th : threads) th.join();
  }
  std::istringstream lines(pipe.read_now());
  std::map<int, int> next;
  int total = 0;
  for (std::string line; std::getline(lines, line); ++total) {
    int t = -1, i = -1;
    REQUIRE(std::sscanf(line.c_str(), "{\"thread\":%d,\"line\":%d}", &t, &i) ==
            2);
    CHECK(i == next[t]);
    next[t] = i + 1;
  }
  CHECK(total == kThreads * kLines);
}

TEST_CASE("an urgent line leaves at once with the lines before it",
          "[api][log]") {
  Pipe pipe;
  LineWriter writer(pipe.fds[1], 10s);
  writer.add("first\n");
  CHECK(pipe.read_now().empty());  // waiting for the batch or the delay
  writer.add("error\n", /*urgent=*/true);
  CHECK(pipe.read_now() == "first\nerror\n");
}

TEST_CASE("a line waits no longer than the delay, and a full batch not at all",
          "[api][log]") {
  Pipe pipe;
  LineWriter writer(pipe.fds[1], 50ms, 64);
  writer.add("idle line\n");
  CHECK(pipe.read_for(5s, 10) == "idle line\n");
  const std::string long_line(100, 'x');
  writer.add(long_line + "\n");
  CHECK(pipe.read_now() == long_line + "\n");
}

TEST_CASE("destroying the writer writes what waits", "[api][log]") {
  Pipe pipe;
  {
    LineWriter writer(pipe.fds[1], 10s);
    writer.add("last words\n");
  }
  CHECK(pipe.read_now() == "last words\n");
}
