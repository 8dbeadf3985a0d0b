// Header-only C++ helper for writing aihost plugins.
//
// It turns the C ABI of plugin.h into ordinary C++: a plugin author writes a
// class derived from aihost::sdk::Instance and a traits struct, then says
// AIHOST_DEFINE_PLUGIN(Traits). The helper generates the C entry point and
// wraps every export in an exception barrier, so that no C++ exception ever
// crosses the boundary (ABI rule 8).
//
// It depends only on plugin.h, results.hpp and nlohmann/json; it never links
// against the host.
#pragma once

#include <aihost/plugin.h>
#include <aihost/json_parse.hpp>
#include <aihost/json_write.hpp>
#include <aihost/results.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aihost::sdk {

using json = nlohmann::json;

inline aihost_view view(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view sv(aihost_view v) {
  return v.ptr ? std::string_view(v.ptr, v.len) : std::string_view();
}

// A failure that maps onto aihost_status. Throw it anywhere inside a plugin;
// the barrier turns it into set_error + status.
class Error : public std::runtime_error {
 public:
  Error(aihost_status status, std::string message, int http_status = 0,
        long long retry_after_ms = -1, std::string provider_code = {})
      : std::runtime_error(std::move(message)),
        status_(status),
        http_status_(http_status),
        retry_after_ms_(retry_after_ms),
        provider_code_(std::move(provider_code)) {}

  aihost_status status() const { return status_; }
  int http_status() const { return http_status_; }
  long long retry_after_ms() const { return retry_after_ms_; }
  const std::string& provider_code() const { return provider_code_; }

 private:
  aihost_status status_;
  int http_status_;
  long long retry_after_ms_;
  std::string provider_code_;
};

// The status of a provider's HTTP answer, per the table in sdk/README.md
// ("Errors"). Plugins refine it with what only they can read (an out-of-quota
// code in a 429 body, say).
inline aihost_status status_from_http(int http_status) {
  switch (http_status) {
    case 400:
    case 422:
      return AIHOST_INVALID_ARGUMENT;
    case 401:
      return AIHOST_UNAUTHENTICATED;
    case 402:
      return AIHOST_QUOTA_EXCEEDED;
    case 403:
      return AIHOST_PERMISSION_DENIED;
    case 404:
      return AIHOST_NOT_FOUND;
    case 408:
    case 504:
      return AIHOST_DEADLINE_EXCEEDED;
    case 409:  // a conflict upstream is transient: the host retries it
      return AIHOST_UNAVAILABLE;
    case 413:
      return AIHOST_PAYLOAD_TOO_LARGE;
    case 429:
      return AIHOST_RATE_LIMITED;
  }
  if (http_status >= 500) return AIHOST_UNAVAILABLE;
  if (http_status >= 400) return AIHOST_INVALID_ARGUMENT;
  return AIHOST_UPSTREAM_PROTOCOL;  // 1xx/3xx: not an answer to use
}

inline void report(const aihost_output* out, aihost_status status,
                   std::string_view message, int http_status = 0,
                   long long retry_after_ms = -1,
                   std::string_view provider_code = {}) {
  if (!out || !out->set_error) return;
  aihost_error e{};
  e.struct_size = sizeof(e);
  e.status = status;
  e.provider_http_status = http_status;
  e.retry_after_ms = retry_after_ms;
  e.message = view(message);
  e.provider_code = view(provider_code);
  out->set_error(out->host_data, &e);
}

// Runs `fn`, converting every exception into a status plus set_error.
template <class Fn>
aihost_status barrier(const aihost_output* out, Fn&& fn) noexcept {
  try {
    fn();
    return AIHOST_OK;
  } catch (const Error& e) {
    report(out, e.status(), e.what(), e.http_status(), e.retry_after_ms(),
           e.provider_code());
    return e.status();
  } catch (const json::exception& e) {
    report(out, AIHOST_INVALID_ARGUMENT,
           std::string("invalid JSON: ") + e.what());
    return AIHOST_INVALID_ARGUMENT;
  } catch (const std::bad_alloc&) {
    report(out, AIHOST_INTERNAL, "out of memory");
    return AIHOST_INTERNAL;
  } catch (const std::exception& e) {
    report(out, AIHOST_INTERNAL, e.what());
    return AIHOST_INTERNAL;
  } catch (...) {
    report(out, AIHOST_INTERNAL, "unknown exception in plugin");
    return AIHOST_INTERNAL;
  }
}

struct Header {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<Header> headers;
  std::string body;
  long long timeout_ms = 0;
  bool stream = false;
  // Return true to forbid a retry of this failed response.
  std::function<bool(int status, const std::vector<Header>& headers,
                     std::string_view body)>
      retry_veto;
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;
  std::string body;

  // Case-insensitive header lookup.
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& h : headers) {
      if (h.name.size() != name.size()) continue;
      bool same = true;
      for (size_t i = 0; i < name.size() && same; ++i)
        same = std::tolower(static_cast<unsigned char>(h.name[i])) ==
               std::tolower(static_cast<unsigned char>(name[i]));
      if (same) return h.value;
    }
    return std::nullopt;
  }
};

// The host's services, as set by init. One per loaded plugin.
class Host {
 public:
  static Host& get() {
    static Host host;
    return host;
  }
  void set(const aihost_host_services* services) { services_ = services; }
  bool ready() const { return services_ != nullptr; }

  void log(aihost_log_level level, std::string_view message) const {
    if (services_ && services_->log)
      services_->log(services_->host_data, level, view(message));
  }

  bool cancelled(const aihost_call* call) const {
    return services_ && services_->is_cancelled &&
           services_->is_cancelled(call) != 0;
  }

  // Sends a request. For stream requests, `on_chunk` receives body chunks
  // (return false to abort) and HttpResponse.body stays empty; otherwise the
  // whole body lands in HttpResponse.body. Transport failures throw Error.
  HttpResponse send(
      const aihost_call* call, const HttpRequest& req,
      const std::function<bool(std::string_view)>& on_chunk = nullptr) const {
    if (!services_ || !services_->http_send)
      throw Error(AIHOST_INTERNAL, "host egress service not available");
    std::vector<aihost_http_header> headers;
    headers.reserve(req.headers.size());
    for (const auto& h : req.headers)
      headers.push_back({view(h.name), view(h.value)});

    struct Ctx {
      const HttpRequest* req;
      HttpResponse* resp;
      const std::function<bool(std::string_view)>* on_chunk;
      std::exception_ptr failure;
    };
    HttpResponse resp;
    Ctx ctx{&req, &resp, &on_chunk, nullptr};

    aihost_http_request r{};
    r.struct_size = sizeof(r);
    r.flags = req.stream ? static_cast<uint32_t>(AIHOST_HTTP_STREAM) : 0u;
    r.method = view(req.method);
    r.url = view(req.url);
    r.headers = headers.data();
    r.header_count = headers.size();
    r.body = view(req.body);
    r.timeout_ms = req.timeout_ms;
    r.plugin_data = &ctx;
    if (req.retry_veto) {
      r.retry_veto = [](void* data, int32_t status,
                        const aihost_http_header* hs, size_t n,
                        aihost_view body) -> int {
        auto* c = static_cast<Ctx*>(data);
        try {
          std::vector<Header> copy;
          for (size_t i = 0; i < n; ++i)
            copy.push_back(
                {std::string(sv(hs[i].name)), std::string(sv(hs[i].value))});
          return c->req->retry_veto(status, copy, sv(body)) ? 1 : 0;
        } catch (...) {
          return 1;
        }
      };
    }

    aihost_http_sink sink{};
    sink.plugin_data = &ctx;
    sink.on_head = [](void* data, int32_t status, const aihost_http_header* hs,
                      size_t n) -> int {
      auto* c = static_cast<Ctx*>(data);
      try {
        c->resp->status = status;
        c->resp->headers.clear();
        for (size_t i = 0; i < n; ++i)
          c->resp->headers.push_back(
              {std::string(sv(hs[i].name)), std::string(sv(hs[i].value))});
        return 0;
      } catch (...) {
        c->failure = std::current_exception();
        return 1;
      }
    };
    sink.on_body = [](void* data, aihost_view chunk) -> int {
      auto* c = static_cast<Ctx*>(data);
      try {
        if (c->req->stream && *c->on_chunk && c->resp->status >= 200 &&
            c->resp->status < 300)
          return (*c->on_chunk)(sv(chunk)) ? 0 : 1;
        c->resp->body.append(chunk.ptr ? chunk.ptr : "", chunk.len);
        return 0;
      } catch (...) {
        c->failure = std::current_exception();
        return 1;
      }
    };

    aihost_error err{};
    err.struct_size = sizeof(err);
    err.retry_after_ms = -1;
    aihost_status st = services_->http_send(call, &r, &sink, &err);
    if (ctx.failure) std::rethrow_exception(ctx.failure);
    if (st != AIHOST_OK) {
      std::string msg(sv(err.message));
      if (msg.empty()) msg = "upstream request failed";
      throw Error(st, msg, err.provider_http_status, err.retry_after_ms);
    }
    return resp;
  }

 private:
  Host() = default;
  const aihost_host_services* services_ = nullptr;
};

// One operation's input, with the JSON params already parsed.
struct Request {
  std::string_view operation;
  json params;
  std::string_view payload;
  std::string_view payload_type;
  std::string_view api_key;
};

// Receives stream events; returns false when the consumer has gone.
using EventFn = std::function<bool(const json& event)>;

// A configured provider instance. Immutable after construction, so invoke
// may run concurrently.
class Instance {
 public:
  virtual ~Instance() = default;
  virtual json invoke(const aihost_call* call, const Request& request) = 0;
  // Streaming chat; only called when the traits declare `streams = true`.
  virtual json chat_stream(const aihost_call* call, const Request& request,
                           const EventFn& emit) {
    (void)call;
    (void)request;
    (void)emit;
    throw Error(AIHOST_UNSUPPORTED, "streaming is not supported");
  }
};

namespace detail {

inline Request to_request(const aihost_request* r) {
  Request req;
  req.operation = sv(r->operation);
  auto params = sv(r->params);
  req.params = params.empty() ? json::object() : parse_json(params);
  if (!req.params.is_object())
    throw Error(AIHOST_INVALID_ARGUMENT, "params must be a JSON object");
  req.payload = sv(r->payload);
  req.payload_type = sv(r->payload_type);
  req.api_key = sv(r->api_key);
  return req;
}

inline void write_json(const aihost_output* out, const json& result) {
  std::string s = sdk::write_json(result, json::error_handler_t::replace);
  out->write(out->host_data, view(s));
}

inline bool offers(const char* const* caps, std::string_view op) {
  for (; caps && *caps; ++caps)
    if (op == *caps) return true;
  return false;
}

}  // namespace detail

// Generates the C ABI for a traits struct T that has:
//   static constexpr const char* id, version, description;
//   static const char* const* capabilities();  (NULL-terminated)
//   static std::unique_ptr<Instance> create(const json& config);
//   static constexpr bool streams;             (offers aihost.llm.stream/1)
//   static constexpr uint32_t multichannel;    (0, or max channels)
template <class T>
struct PluginAdapter {
  static aihost_status init(const aihost_host_services* host) {
    if (!host || host->struct_size < sizeof(aihost_host_services))
      return AIHOST_INVALID_ARGUMENT;
    Host::get().set(host);
    return AIHOST_OK;
  }

  static aihost_status instance_create(aihost_view config,
                                       const aihost_output* diag,
                                       aihost_instance** out) {
    return barrier(diag, [&] {
      if (!out) throw Error(AIHOST_INVALID_ARGUMENT, "out is NULL");
      auto text = sv(config);
      json cfg = text.empty() ? json::object() : parse_json(text);
      if (!cfg.is_object())
        throw Error(AIHOST_INVALID_ARGUMENT, "config must be a JSON object");
      std::unique_ptr<Instance> inst = T::create(cfg);
      *out = reinterpret_cast<aihost_instance*>(inst.release());
    });
  }

  static void instance_destroy(aihost_instance* instance) {
    try {
      delete reinterpret_cast<Instance*>(instance);
    } catch (...) {
    }
  }

  static aihost_status invoke(aihost_instance* instance,
                              const aihost_call* call,
                              const aihost_request* request,
                              const aihost_output* out) {
    return barrier(out, [&] {
      if (!instance || !request)
        throw Error(AIHOST_INVALID_ARGUMENT, "instance or request is NULL");
      Request req = detail::to_request(request);
      if (!detail::offers(T::capabilities(), req.operation))
        throw Error(AIHOST_UNSUPPORTED, "operation '" +
                                            std::string(req.operation) +
                                            "' is not offered by " + T::id);
      json result = reinterpret_cast<Instance*>(instance)->invoke(call, req);
      detail::write_json(out, result);
    });
  }

  static aihost_status chat_stream(aihost_instance* instance,
                                   const aihost_call* call,
                                   const aihost_request* request,
                                   const aihost_event_sink* events,
                                   const aihost_output* out) {
    return barrier(out, [&] {
      if (!instance || !request || !events)
        throw Error(AIHOST_INVALID_ARGUMENT, "NULL argument to chat_stream");
      Request req = detail::to_request(request);
      EventFn emit = [events](const json& ev) {
        std::string s = sdk::write_json(ev, json::error_handler_t::replace);
        return events->emit(events->host_data, view(s)) == 0;
      };
      json result =
          reinterpret_cast<Instance*>(instance)->chat_stream(call, req, emit);
      detail::write_json(out, result);
    });
  }

  static const void* get_extension(const char* id) {
    if (!id) return nullptr;
    std::string_view ext(id);
    if constexpr (T::streams) {
      static const aihost_llm_stream_v1 stream{sizeof(aihost_llm_stream_v1), 0,
                                               &chat_stream};
      if (ext == AIHOST_EXT_LLM_STREAM_V1) return &stream;
    }
    if constexpr (T::multichannel > 0) {
      static const aihost_audio_multichannel_v1 mc{
          sizeof(aihost_audio_multichannel_v1), T::multichannel};
      if (ext == AIHOST_EXT_AUDIO_MULTICHANNEL_V1) return &mc;
    }
    return nullptr;
  }

  static const aihost_plugin_descriptor* descriptor() {
    static const aihost_plugin_descriptor d = {
        AIHOST_ABI_MAJOR,
        AIHOST_ABI_MINOR,
        sizeof(aihost_plugin_descriptor),
        0,
        T::id,
        T::version,
        T::description,
        T::capabilities(),
        &init,
        &instance_create,
        &instance_destroy,
        &invoke,
        &get_extension,
    };
    return &d;
  }
};

}  // namespace aihost::sdk

// Defines the plugin's one exported symbol for traits struct T.
#define AIHOST_DEFINE_PLUGIN(T)                            \
  extern "C" AIHOST_EXPORT const aihost_plugin_descriptor* \
  aihost_plugin_entry(void) {                              \
    return ::aihost::sdk::PluginAdapter<T>::descriptor();  \
  }
