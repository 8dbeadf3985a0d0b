#include "plugins/host_services.hpp"

#include "plugins/call_context.hpp"

#include <chrono>
#include <cstdio>
#include <string_view>

namespace aihost::plugins {
namespace {

std::string_view sv(aihost_view v) {
  return v.ptr ? std::string_view(v.ptr, v.len) : std::string_view();
}

void log_line(void*, aihost_log_level level, aihost_view message) {
  static const char* names[] = {"debug", "info", "warn", "error"};
  const char* name = (level >= 0 && level <= 3) ? names[level] : "info";
  if (level < AIHOST_LOG_INFO) return;
  std::fprintf(stderr, "[plugin %s] %.*s\n", name,
               static_cast<int>(message.len), message.ptr ? message.ptr : "");
}

int64_t monotonic_ms(void*) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             net::Clock::now().time_since_epoch())
      .count();
}

int is_cancelled(const aihost_call* call) {
  return call && call->control.is_cancelled() ? 1 : 0;
}

int64_t deadline_ms(const aihost_call* call) {
  if (!call || !call->control.deadline) return 0;
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             call->control.deadline->time_since_epoch())
      .count();
}

aihost_status http_send(const aihost_call* call_c,
                        const aihost_http_request* request,
                        const aihost_http_sink* sink, aihost_error* error) {
  auto* call = const_cast<aihost_call*>(call_c);
  auto fail = [&](aihost_status st, std::string msg, int http = 0,
                  int64_t retry = -1) {
    if (error && error->struct_size >= sizeof(aihost_error)) {
      // Without a call there is nothing to keep the text alive with.
      static thread_local std::string orphan;
      std::string& kept = call ? call->retained.emplace_back(std::move(msg))
                               : (orphan = std::move(msg));
      error->status = st;
      error->provider_http_status = http;
      error->retry_after_ms = retry;
      error->message = {kept.data(), kept.size()};
      error->provider_code = {nullptr, 0};
    }
    return st;
  };
  if (!call || !call->egress)
    return fail(AIHOST_INTERNAL, "http_send called without a host call");
  if (!request || request->struct_size < sizeof(aihost_http_request) || !sink)
    return fail(AIHOST_INVALID_ARGUMENT, "malformed http request");

  net::Request req;
  req.method = std::string(sv(request->method));
  req.url = std::string(sv(request->url));
  for (size_t i = 0; i < request->header_count; ++i)
    req.headers.push_back({std::string(sv(request->headers[i].name)),
                           std::string(sv(request->headers[i].value))});
  req.body = std::string(sv(request->body));
  req.stream = (request->flags & AIHOST_HTTP_STREAM) != 0;
  req.timeout_ms = request->timeout_ms;
  if (request->retry_veto) {
    auto veto = request->retry_veto;
    void* data = request->plugin_data;
    req.retry_veto = [veto, data](int status,
                                  const std::vector<net::Header>& headers,
                                  std::string_view body) {
      std::vector<aihost_http_header> hs;
      for (const auto& h : headers)
        hs.push_back({{h.name.data(), h.name.size()},
                      {h.value.data(), h.value.size()}});
      return veto(data, status, hs.data(), hs.size(),
                  {body.data(), body.size()}) != 0;
    };
  }

  net::Sink out;
  out.on_head = [sink](int status, const std::vector<net::Header>& headers) {
    if (!sink->on_head) return true;
    std::vector<aihost_http_header> hs;
    for (const auto& h : headers)
      hs.push_back({{h.name.data(), h.name.size()},
                    {h.value.data(), h.value.size()}});
    return sink->on_head(sink->plugin_data, status, hs.data(), hs.size()) == 0;
  };
  out.on_body = [sink](std::string_view chunk) {
    if (!sink->on_body) return true;
    return sink->on_body(sink->plugin_data, {chunk.data(), chunk.size()}) == 0;
  };

  auto failure = call->egress->send(req, out, call->control);
  if (!failure) return AIHOST_OK;
  return fail(failure->status, failure->message, failure->http_status,
              failure->retry_after_ms);
}

}  // namespace

const aihost_host_services* host_services() {
  static const aihost_host_services services = {
      sizeof(aihost_host_services),
      AIHOST_ABI_MINOR,
      nullptr,
      &log_line,
      &monotonic_ms,
      &is_cancelled,
      &deadline_ms,
      &http_send,
  };
  return &services;
}

}  // namespace aihost::plugins
