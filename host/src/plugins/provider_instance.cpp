#include "plugins/provider_instance.hpp"

#include "plugins/call_context.hpp"

#include <aihost/json_parse.hpp>
#include <aihost/json_write.hpp>

#include <stdexcept>

namespace aihost::plugins {
namespace {

aihost_view view(std::string_view s) { return {s.data(), s.size()}; }

// Collects what the plugin writes to its aihost_output.
struct Collector {
  std::string body;
  bool failed = false;
  aihost_status status = AIHOST_OK;
  std::string message;
  int http_status = 0;
  int64_t retry_after_ms = -1;
  std::string provider_code;

  aihost_output output() {
    aihost_output out{};
    out.host_data = this;
    out.write = [](void* data, aihost_view bytes) {
      if (bytes.ptr)
        static_cast<Collector*>(data)->body.append(bytes.ptr, bytes.len);
    };
    out.set_error = [](void* data, const aihost_error* e) {
      auto* c = static_cast<Collector*>(data);
      if (!e) return;
      c->failed = true;
      c->status = e->status;
      c->message.assign(e->message.ptr ? e->message.ptr : "", e->message.len);
      c->http_status = e->provider_http_status;
      c->retry_after_ms = e->retry_after_ms;
      c->provider_code.assign(e->provider_code.ptr ? e->provider_code.ptr : "",
                              e->provider_code.len);
    };
    return out;
  }

  Outcome finish(aihost_status st) const {
    Outcome o;
    // An unknown status from a plugin is a plugin bug.
    o.status = (st >= AIHOST_OK && st <= AIHOST_PAYLOAD_TOO_LARGE)
                   ? st
                   : AIHOST_INTERNAL;
    if (o.status == AIHOST_OK) {
      try {
        o.result = sdk::parse_json(body);
      } catch (const json::exception& e) {
        o.status = AIHOST_INTERNAL;
        o.message = std::string("plugin wrote invalid JSON: ") + e.what();
      }
      return o;
    }
    o.message = message.empty() ? std::string("plugin call failed: ") +
                                      status_name(o.status)
                                : message;
    o.http_status = http_status;
    o.retry_after_ms = retry_after_ms;
    o.provider_code = provider_code;
    return o;
  }
};

void prepare(aihost_call& call, const net::Egress* egress,
             const CallOptions& options) {
  call.egress = egress;
  if (options.timeout)
    call.control.deadline = net::Clock::now() + *options.timeout;
  // The caller's flag wins when given: it can cancel from another thread.
  if (options.cancelled) call.control.cancelled = options.cancelled;
}

aihost_request to_request(const Invocation& inv, const std::string& params) {
  aihost_request r{};
  r.struct_size = sizeof(r);
  r.operation = view(inv.operation);
  r.params = view(params);
  r.payload = view(inv.payload);
  r.payload_type = view(inv.payload_type);
  r.api_key = view(inv.api_key);
  return r;
}

}  // namespace

ProviderInstance::ProviderInstance(std::shared_ptr<PluginLibrary> library,
                                   const json& config,
                                   std::shared_ptr<const net::Egress> egress)
    : library_(std::move(library)), egress_(std::move(egress)) {
  if (!egress_) egress_ = std::make_shared<net::Egress>();
  Collector diag;
  auto out = diag.output();
  std::string text = config.dump();
  aihost_status st =
      library_->descriptor().instance_create(view(text), &out, &instance_);
  if (st != AIHOST_OK || !instance_)
    throw InstanceError(
        st == AIHOST_OK ? AIHOST_INTERNAL : st,
        library_->id() + ": instance refused: " +
            (diag.message.empty() ? status_name(st) : diag.message));
}

ProviderInstance::~ProviderInstance() {
  if (instance_) library_->descriptor().instance_destroy(instance_);
}

Outcome ProviderInstance::invoke(const Invocation& inv,
                                 const CallOptions& options) const {
  aihost_call call;
  prepare(call, egress_.get(), options);
  std::string params = sdk::write_json(inv.params);
  aihost_request req = to_request(inv, params);
  Collector c;
  auto out = c.output();
  aihost_status st =
      library_->descriptor().invoke(instance_, &call, &req, &out);
  return c.finish(st);
}

bool ProviderInstance::streams() const {
  auto* ext = static_cast<const aihost_llm_stream_v1*>(
      library_->extension(AIHOST_EXT_LLM_STREAM_V1));
  return ext && ext->struct_size >= sizeof(aihost_llm_stream_v1) &&
         ext->chat_stream;
}

Outcome ProviderInstance::chat_stream(
    const Invocation& inv, const std::function<bool(const json&)>& on_event,
    const CallOptions& options) const {
  auto* ext = static_cast<const aihost_llm_stream_v1*>(
      library_->extension(AIHOST_EXT_LLM_STREAM_V1));
  if (!ext || ext->struct_size < sizeof(aihost_llm_stream_v1) ||
      !ext->chat_stream) {
    Outcome o;
    o.status = AIHOST_UNSUPPORTED;
    o.message = library_->id() + " does not offer " AIHOST_EXT_LLM_STREAM_V1;
    return o;
  }
  aihost_call call;
  prepare(call, egress_.get(), options);
  std::string params = sdk::write_json(inv.params);
  aihost_request req = to_request(inv, params);

  struct EventCtx {
    const std::function<bool(const json&)>* fn;
  } ectx{&on_event};
  aihost_event_sink sink{};
  sink.host_data = &ectx;
  sink.emit = [](void* data, aihost_view ev) -> int {
    auto* e = static_cast<EventCtx*>(data);
    try {
      json j = sdk::parse_json(std::string_view(ev.ptr ? ev.ptr : "", ev.len));
      return (*e->fn)(j) ? 0 : 1;
    } catch (...) {
      return 1;
    }
  };
  Collector c;
  auto out = c.output();
  aihost_status st = ext->chat_stream(instance_, &call, &req, &sink, &out);
  return c.finish(st);
}

const char* status_name(aihost_status status) {
  switch (status) {
    case AIHOST_OK:
      return "OK";
    case AIHOST_INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case AIHOST_UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case AIHOST_PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case AIHOST_NOT_FOUND:
      return "NOT_FOUND";
    case AIHOST_RATE_LIMITED:
      return "RATE_LIMITED";
    case AIHOST_QUOTA_EXCEEDED:
      return "QUOTA_EXCEEDED";
    case AIHOST_UNAVAILABLE:
      return "UNAVAILABLE";
    case AIHOST_DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case AIHOST_CANCELLED:
      return "CANCELLED";
    case AIHOST_UNSUPPORTED:
      return "UNSUPPORTED";
    case AIHOST_UPSTREAM_PROTOCOL:
      return "UPSTREAM_PROTOCOL";
    case AIHOST_INTERNAL:
      return "INTERNAL";
    case AIHOST_PAYLOAD_TOO_LARGE:
      return "PAYLOAD_TOO_LARGE";
  }
  return "INTERNAL";
}

}  // namespace aihost::plugins
