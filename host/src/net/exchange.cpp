#include "net/exchange.hpp"

#include "net/body_reader.hpp"
#include "net/fault_injection.hpp"
#include "net/request_head.hpp"
#include "net/tls_context.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <exception>

namespace aihost::net {
namespace {

enum class Stage { connect, send, head, body };

Poco::Timespan span_ms(int64_t ms) {
  return Poco::Timespan(
      static_cast<Poco::Timespan::TimeDiff>(std::max<int64_t>(ms, 1)) * 1000);
}

Exchange failed(aihost_status status, std::string message, bool retryable,
                std::string reason) {
  Exchange e;
  e.kind = Exchange::Kind::failed;
  e.failure.status = status;
  e.failure.message = std::move(message);
  e.retryable = retryable;
  e.reason = std::move(reason);
  return e;
}

Exchange interrupted(Interrupt why, const Origin& o) {
  if (why == Interrupt::cancelled)
    return failed(AIHOST_CANCELLED, "call cancelled while talking to " + o.host,
                  false, "cancelled");
  return failed(AIHOST_DEADLINE_EXCEEDED,
                "deadline passed before " + o.host + " finished answering",
                false, "deadline");
}

Interrupt check(const CallControl& call, Clock::time_point deadline) {
  if (call.cancelled && call.cancelled->load()) return Interrupt::cancelled;
  auto now = Clock::now();
  if (now >= deadline || (call.deadline && now >= *call.deadline))
    return Interrupt::deadline;
  return Interrupt::none;
}

Framing framing_of(const std::string& method, const ResponseHead& r) {
  if (method == "HEAD" || r.status < 200 || r.status == 204 || r.status == 304)
    return Framing::none;
  if (r.chunked) return Framing::chunked;
  if (r.other_coding) return Framing::until_close;
  if (r.content_length >= 0) return Framing::length;
  return Framing::until_close;
}

struct Attempt {
  Exchange result;
  bool before_response = false;  // failed before any response byte
  bool poolable = false;         // the connection may serve another request
};

Attempt attempt(Connection& conn, const ExchangeContext& x) {
  const Origin& o = x.origin;
  const std::string where = o.host + ":" + std::to_string(o.port);
  auto& session = conn.session();
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
                       x.deadline - Clock::now())
                       .count();
  auto connect_ms = std::min<int64_t>(x.policy.connect_timeout_ms, remaining);
  auto idle_ms = std::min<int64_t>(x.policy.read_timeout_ms, remaining);
  session.setTimeout(span_ms(connect_ms), span_ms(idle_ms), span_ms(idle_ms));

  Stage stage = Stage::connect;
  std::unique_ptr<CallWatchdog::Watch> watch;
  auto why = [&] {
    Interrupt w = watch ? watch->fired() : Interrupt::none;
    return w != Interrupt::none ? w : check(x.call, x.deadline);
  };
  Attempt a;
  try {
    take_verification_error();
    conn.open();
    if (session.connected() && conn.socket_timeout_ms != idle_ms) {
      session.socket().setReceiveTimeout(span_ms(idle_ms));
      session.socket().setSendTimeout(span_ms(idle_ms));
      conn.socket_timeout_ms = idle_ms;
    }
    watch = x.watchdog.watch(conn.watch_fd(), x.call, x.deadline);

    stage = Stage::send;
    conn.send(request_head(x.request, x.target, o), x.request.body);

    stage = Stage::head;
    ResponseHead head = conn.read_head();

    stage = Stage::body;
    const Framing framing = framing_of(x.request.method, head);
    const int64_t length =
        framing == Framing::length ? head.content_length : -1;
    const bool reusable = head.keep_alive && framing != Framing::until_close;
    Response r;
    r.status = head.status;
    r.headers = std::move(head.headers);
    const int64_t limit = x.policy.max_response_bytes;
    RawRead raw = [&conn](char* b, int n) { return conn.read_some(b, n); };

    const bool stream_now =
        x.request.stream && r.status >= 200 && r.status < 300;
    BodyEnd end;
    bool overread = false;
    if (stream_now) {
      if (x.sink.on_head && !x.sink.on_head(r.status, r.headers)) {
        a.result.kind = Exchange::Kind::delivered;
        return a;
      }
      end = read_body(
          raw, framing, length, limit,
          [&](std::string_view d) {
            return !x.sink.on_body || x.sink.on_body(d);
          },
          &overread);
    } else {
      end = read_body(
          raw, framing, length, limit,
          [&](std::string_view d) {
            r.body.append(d);
            return true;
          },
          &overread);
    }
    if (end != BodyEnd::complete && end != BodyEnd::aborted &&
        why() != Interrupt::none) {
      a.result = interrupted(why(), o);
      return a;
    }
    switch (end) {
      case BodyEnd::complete:
        break;
      case BodyEnd::aborted:
        a.result.kind = Exchange::Kind::delivered;
        return a;
      case BodyEnd::too_large:
        a.result = failed(AIHOST_UPSTREAM_PROTOCOL,
                          "response from " + o.host + " exceeds the " +
                              std::to_string(limit) + "-byte limit",
                          false, "response too large");
        return a;
      case BodyEnd::malformed:
        a.result = failed(AIHOST_UPSTREAM_PROTOCOL,
                          "malformed chunked body from " + o.host, !stream_now,
                          "malformed body");
        return a;
      case BodyEnd::cut:
        a.result =
            failed(AIHOST_UNAVAILABLE,
                   stream_now ? "stream from " + o.host + " cut before its end"
                              : "connection reset while reading "
                                "response from " +
                                    o.host,
                   !stream_now, "connection reset");
        return a;
    }
    if (stream_now) {
      a.result.kind = Exchange::Kind::delivered;
    } else {
      a.result.kind = Exchange::Kind::held;
      a.result.response = std::move(r);
    }
    // A connection the watchdog shut down looks fine until its next use.
    a.poolable = reusable && !overread && watch->fired() == Interrupt::none;
    return a;
  } catch (const Poco::Exception& e) {
    if (Interrupt w = why(); w != Interrupt::none) {
      a.result = interrupted(w, o);
      return a;
    }
    const bool timeout = dynamic_cast<const Poco::TimeoutException*>(&e);
    if (stage == Stage::connect) {
      std::string reason = take_verification_error();
      if (!reason.empty() || dynamic_cast<const Poco::Net::SSLException*>(&e)) {
        // A certificate the host does not trust will not change on retry.
        a.result = failed(
            AIHOST_UNAVAILABLE,
            "TLS handshake with " + where + " failed: " +
                (reason.empty() ? e.displayText()
                                : "certificate rejected (" + reason + ")"),
            false, "tls");
        return a;
      }
      a.result = failed(
          AIHOST_UNAVAILABLE,
          timeout ? "connecting to " + where + " timed out"
                  : "cannot connect to " + where + ": " + e.displayText(),
          true, "connect failed");
      return a;
    }
    if (timeout) {
      a.result = failed(
          AIHOST_DEADLINE_EXCEEDED,
          o.host + " sent nothing for " + std::to_string(idle_ms) + " ms",
          stage != Stage::body || !x.request.stream, "read timeout");
      a.before_response = stage != Stage::body;
      return a;
    }
    if (stage == Stage::body) {
      a.result = failed(AIHOST_UNAVAILABLE,
                        x.request.stream
                            ? "stream from " + o.host + " cut before its end"
                            : "connection reset while reading "
                              "response from " +
                                  o.host,
                        !x.request.stream, "connection reset");
      return a;
    }
    a.before_response = true;
    bool protocol = dynamic_cast<const Poco::Net::MessageException*>(&e) &&
                    !dynamic_cast<const Poco::Net::NoMessageException*>(&e);
    a.result = failed(
        protocol ? AIHOST_UPSTREAM_PROTOCOL : AIHOST_UNAVAILABLE,
        protocol ? "malformed response from " + o.host + ": " + e.displayText()
                 : "connection to " + where +
                       " failed before a response: " + e.displayText(),
        !protocol, "connection reset");
    return a;
  } catch (const std::exception& e) {
    // Not a transport error (e.g. out of memory): report it, never retry.
    a.result = failed(AIHOST_INTERNAL,
                      "egress failure talking to " + o.host + ": " + e.what(),
                      false, "internal");
    return a;
  }
}

}  // namespace

Exchange exchange(const ExchangeContext& x) {
  if (auto fault = injected_fault(x.origin.host, x.request)) {
    if (fault->kind == InjectedFault::Kind::reset)
      return failed(AIHOST_UNAVAILABLE,
                    "connection to " + x.origin.host +
                        " failed before a response: injected fault",
                    true, "connection reset");
    Exchange e;
    e.kind = Exchange::Kind::held;
    e.response = {fault->status, fault->headers, fault->body};
    return e;
  }
  for (int resend = 0;; ++resend) {
    std::unique_ptr<Connection> conn;
    try {
      conn = resend == 0 ? x.pool.acquire(x.origin) : x.pool.fresh(x.origin);
    } catch (const std::exception& e) {
      return failed(AIHOST_INTERNAL,
                    std::string("TLS setup failed: ") + e.what(), false,
                    "tls setup");
    }
    const bool reused = conn->reused;
    Attempt a = attempt(*conn, x);
    if (a.poolable) x.pool.release(x.origin, std::move(conn));
    a.result.reused = reused;
    if (a.result.kind == Exchange::Kind::failed && a.before_response &&
        reused && resend == 0 && a.result.reason == "connection reset" &&
        check(x.call, x.deadline) == Interrupt::none)
      continue;
    return std::move(a.result);
  }
}

}  // namespace aihost::net
