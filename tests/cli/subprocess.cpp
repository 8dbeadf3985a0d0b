#include "subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace aihost::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> child_env(const RunOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    bool dropped = options.set_env.count(name) > 0;
    for (const auto& u : options.unset_env) dropped = dropped || u == name;
    if (!dropped) env.push_back(entry);
  }
  for (const auto& [k, v] : options.set_env) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  }
};

pid_t spawn(const std::vector<std::string>& args, const RunOptions& options,
            int in_fd, int out_fd, int err_fd) {
  std::vector<std::string> argv_s = args;
  std::vector<std::string> env_s = child_env(options);
  auto argv = pointers(argv_s);
  auto envp = pointers(env_s);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  // The child starts with default signal dispositions and an empty mask.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  int rc =
      posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0)
    throw std::runtime_error(std::string("spawn failed: ") + std::strerror(rc));
  return pid;
}

int decode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace

std::string aihost_binary() { return AIHOST_BINARY_DIR "/bin/aihost"; }

RunResult run(const std::vector<std::string>& args, const RunOptions& options) {
  Pipe in, out, err;
  pid_t pid = spawn(args, options, in.fds[0], out.fds[1], err.fds[1]);
  close(in.fds[0]);
  close(out.fds[1]);
  close(err.fds[1]);
  RunResult result;
  size_t written = 0;
  int in_fd = in.fds[1];
  if (options.stdin_text.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  const auto deadline =
      Clock::now() + std::chrono::milliseconds(options.timeout_ms);
  bool out_open = true, err_open = true;
  while ((out_open || err_open) && Clock::now() < deadline) {
    pollfd fds[3] = {{out_open ? out.fds[0] : -1, POLLIN, 0},
                     {err_open ? err.fds[0] : -1, POLLIN, 0},
                     {in_fd, POLLOUT, 0}};
    if (poll(fds, 3, 50) < 0) continue;
    char buf[4096];
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        (i == 0 ? out_open : err_open) = false;
        continue;
      }
      (i == 0 ? result.out : result.err).append(buf, static_cast<size_t>(n));
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in_fd, options.stdin_text.data() + written,
                        options.stdin_text.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n <= 0 || written == options.stdin_text.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out.fds[0]);
  close(err.fds[0]);
  if (out_open || err_open) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = decode(status);
  return result;
}

Child::Child(const std::vector<std::string>& args, const RunOptions& options) {
  Pipe in, out, err;
  pid_ = spawn(args, options, in.fds[0], out.fds[1], err.fds[1]);
  close(in.fds[0]);
  close(in.fds[1]);
  close(out.fds[1]);
  close(err.fds[1]);
  out_fd_ = out.fds[0];
  err_fd_ = err.fds[0];
  reader_ = std::thread([this] { drain(); });
}

Child::~Child() {
  if (!exit_code_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (reader_.joinable()) reader_.join();
  close(out_fd_);
  close(err_fd_);
}

void Child::drain() {
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    pollfd fds[2] = {{out_open ? out_fd_ : -1, POLLIN, 0},
                     {err_open ? err_fd_ : -1, POLLIN, 0}};
    if (poll(fds, 2, 100) < 0) continue;
    char buf[4096];
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      std::lock_guard lock(mu_);
      if (n <= 0)
        (i == 0 ? out_open : err_open) = false;
      else
        (i == 0 ? out_ : err_).append(buf, static_cast<size_t>(n));
    }
    cv_.notify_all();
  }
  std::lock_guard lock(mu_);
  eof_ = true;
  cv_.notify_all();
}

std::optional<std::string> Child::read_line(int timeout_ms) {
  std::unique_lock lock(mu_);
  size_t nl = std::string::npos;
  cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
    nl = out_.find('\n');
    return nl != std::string::npos || eof_;
  });
  if (nl == std::string::npos) return std::nullopt;
  std::string line = out_.substr(0, nl);
  out_.erase(0, nl + 1);
  return line;
}

bool Child::wait_for_err(const std::string& text, int timeout_ms) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
    return err_.find(text) != std::string::npos || eof_;
  }) && err_.find(text) != std::string::npos;
}

void Child::signal(int sig) {
  if (!exit_code_) kill(pid_, sig);
}

std::optional<int> Child::wait(int timeout_ms) {
  if (exit_code_) return exit_code_;
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  do {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = decode(status);
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  } while (Clock::now() < deadline);
  return std::nullopt;
}

std::string Child::err() const {
  std::lock_guard lock(mu_);
  return err_;
}

}  // namespace aihost::testing
