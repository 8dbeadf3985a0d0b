// Runs the built aihost binary as a child process, the way an operator or a
// service manager does, capturing its stdout and stderr.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace aihost::testing {

struct RunOptions {
  std::string stdin_text;
  std::map<std::string, std::string> set_env;
  std::vector<std::string> unset_env;
  int timeout_ms = 20000;
};

struct RunResult {
  int exit_code = -1;  // -1: killed by a signal or timed out
  std::string out;
  std::string err;
};

// The aihost binary of this build.
std::string aihost_binary();

// Runs `args` (args[0] is the program) to completion.
RunResult run(const std::vector<std::string>& args,
              const RunOptions& options = {});

// A long-running child (serve): output is drained by a thread so that the
// child never blocks on a full pipe.
class Child {
 public:
  Child(const std::vector<std::string>& args, const RunOptions& options = {});
  ~Child();  // SIGKILLs a child still running
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The next complete stdout line, or nullopt after `timeout_ms`.
  std::optional<std::string> read_line(int timeout_ms);
  // Waits until stderr contains `text`; false after `timeout_ms`.
  bool wait_for_err(const std::string& text, int timeout_ms);
  void signal(int sig);
  // The exit code, or nullopt if still running after `timeout_ms`.
  std::optional<int> wait(int timeout_ms);
  std::string err() const;

 private:
  void drain();

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::thread reader_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string out_;
  std::string err_;
  bool eof_ = false;
  std::optional<int> exit_code_;
};

}  // namespace aihost::testing
