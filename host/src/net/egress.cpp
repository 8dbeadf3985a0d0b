#include "net/egress.hpp"

#include "net/call_watchdog.hpp"
#include "net/connection_pool.hpp"
#include "net/exchange.hpp"
#include "net/retry_rules.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <thread>

namespace aihost::net {
namespace {

using std::chrono::milliseconds;

std::optional<Failure> interruption(const CallControl& call,
                                    Clock::time_point deadline) {
  if (call.cancelled && call.cancelled->load())
    return Failure{AIHOST_CANCELLED, "call cancelled", 0, -1};
  if (Clock::now() >= deadline)
    return Failure{AIHOST_DEADLINE_EXCEEDED, "call deadline passed", 0, -1};
  return std::nullopt;
}

// Sleeps `ms`, waking early to report a cancellation.
std::optional<Failure> pause(int64_t ms, const CallControl& call,
                             Clock::time_point deadline) {
  const auto until = Clock::now() + milliseconds(ms);
  for (;;) {
    if (auto f = interruption(call, deadline)) return f;
    auto now = Clock::now();
    if (now >= until) return std::nullopt;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - now, milliseconds(5)));
  }
}

std::optional<Failure> parse_target(const std::string& url, Origin& origin,
                                    std::string& target) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    return Failure{AIHOST_INVALID_ARGUMENT, "malformed upstream URL", 0, -1};
  }
  origin.scheme = uri.getScheme();
  if (origin.scheme != "http" && origin.scheme != "https")
    return Failure{AIHOST_INVALID_ARGUMENT,
                   "unsupported URL scheme: '" + origin.scheme + "'", 0, -1};
  origin.host = uri.getHost();
  if (origin.host.empty())
    return Failure{AIHOST_INVALID_ARGUMENT, "upstream URL has no host", 0, -1};
  origin.port = uri.getPort();
  target = uri.getPathEtc();
  if (target.empty()) target.push_back('/');
  return std::nullopt;
}

// Header injection through CR/LF would let a value smuggle a second request.
std::optional<Failure> check_request(const Request& request) {
  auto bad = [](const std::string& s) {
    return s.find_first_of("\r\n") != std::string::npos ||
           s.find('\0') != std::string::npos;
  };
  if (request.method.empty() ||
      request.method.find_first_of(" \t\r\n") != std::string::npos)
    return Failure{AIHOST_INVALID_ARGUMENT, "invalid HTTP method", 0, -1};
  for (const auto& h : request.headers)
    if (h.name.empty() || bad(h.name) || bad(h.value) ||
        h.name.find_first_of(" \t:") != std::string::npos)
      return Failure{AIHOST_INVALID_ARGUMENT,
                     "invalid request header '" +
                         (bad(h.name) ? std::string("?") : h.name) + "'",
                     0, -1};
  return std::nullopt;
}

void deliver(const Response& r, const Request& request, const Sink& sink) {
  if (sink.on_head && !sink.on_head(r.status, r.headers)) return;
  if (!sink.on_body) return;
  if (!request.stream || !r.body.empty()) sink.on_body(r.body);
}

}  // namespace

Egress::Egress(UpstreamPolicy policy)
    : policy_(std::move(policy)),
      pool_(std::make_unique<ConnectionPool>(policy_)),
      watchdog_(std::make_unique<CallWatchdog>()) {}

Egress::~Egress() = default;

std::optional<Failure> Egress::send(const Request& request, const Sink& sink,
                                    const CallControl& call) const {
  const auto started = Clock::now();
  Trace* trace = call.trace;
  const int64_t total =
      request.timeout_ms > 0 ? request.timeout_ms : policy_.total_timeout_ms;
  auto deadline = started + milliseconds(std::max<int64_t>(total, 1));
  if (call.deadline) deadline = std::min(deadline, *call.deadline);

  if (auto f = interruption(call, deadline)) return f;
  Origin origin;
  std::string target;
  if (auto f = parse_target(request.url, origin, target)) return f;
  if (auto f = check_request(request)) return f;

  const ExchangeContext x{request,    origin, target,   policy_, *pool_,
                          *watchdog_, call,   deadline, sink};
  for (int retries = 0;; ++retries) {
    auto t0 = Clock::now();
    Exchange ex = exchange(x);
    if (trace) {
      ++trace->attempts;
      trace->upstream_ms +=
          std::chrono::duration_cast<milliseconds>(Clock::now() - t0).count();
      trace->last_status =
          ex.kind == Exchange::Kind::failed ? 0 : ex.response.status;
      if (ex.reused) ++trace->reused_connections;
    }
    if (ex.kind == Exchange::Kind::delivered) return std::nullopt;

    int64_t wait = 0;
    std::string reason;
    if (ex.kind == Exchange::Kind::failed) {
      if (!ex.retryable || retries >= policy_.max_retries) return ex.failure;
      wait = backoff_ms(policy_, retries, random_jitter());
      reason = ex.reason;
    } else {
      const Response& r = ex.response;
      std::optional<int64_t> asked;
      bool retry = r.status >= 400 && retries < policy_.max_retries &&
                   retryable_response(r.status, r.headers);
      if (retry)
        asked =
            retry_wait_ms(policy_, retries, r.headers,
                          std::chrono::system_clock::now(), random_jitter());
      retry = retry && asked &&
              !(request.retry_veto &&
                request.retry_veto(r.status, r.headers, r.body));
      // A wait that would outlast the deadline is not taken: the caller
      // gets this response now rather than a timeout later.
      if (retry && Clock::now() + milliseconds(*asked) >= deadline)
        retry = false;
      if (!retry) {
        deliver(r, request, sink);
        return std::nullopt;
      }
      wait = *asked;
      reason = "http " + std::to_string(r.status);
    }
    if (Clock::now() + milliseconds(wait) >= deadline) return ex.failure;
    if (trace) trace->retry_reasons.push_back(reason);
    if (auto f = pause(wait, call, deadline)) return f;
  }
}

}  // namespace aihost::net
