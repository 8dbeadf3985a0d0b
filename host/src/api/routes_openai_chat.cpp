// POST /v1/chat/completions, as the official OpenAI SDKs call it: plain,
// structured output and streamed (SSE). It goes through the same governed
// call as every other route: features, budget admission, usage logging.
//
// A stream's response starts with its first event, so a failure before
// any token (a refusal, a 429 upstream) still answers with a proper HTTP
// error; a failure after it is sent as an SSE error event, and the stream
// ends without [DONE] so clients see it was cut.
#include "api/api_error.hpp"
#include "api/openai_wire.hpp"
#include "api/provider_error.hpp"
#include "api/routes.hpp"
#include "gateway/provider_call.hpp"
#include "gateway/provider_failure.hpp"

#include <aihost/json_write.hpp>

#include <chrono>
#include <ostream>
#include <utility>

namespace aihost::api {
namespace {

using json = nlohmann::json;

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Without a client bound, admission reserves for this many output tokens.
constexpr int64_t kDefaultOutputEstimate = 1024;

// Takes the request's params (a tree as large as the prompt) rather than
// copying them: nothing reads them after the call is made.
gateway::ProviderCall chat_call(const Exchange& ex,
                                openai_wire::ChatRequest& chat) {
  gateway::ProviderCall call;
  call.tenant_id = ex.tenant_id;
  call.capability = "llm.chat";
  if (auto p = ex.request.get("x-aihost-provider", ""); !p.empty())
    call.provider = p;
  call.invocation.operation = "llm.chat";
  // About four characters a token, plus the per-message framing.
  call.expected.input_tokens =
      chat.prompt_chars / 4 +
      4 * static_cast<int64_t>(chat.params["messages"].size()) + 8;
  call.invocation.params = std::move(chat.params);
  call.expected.max_output_tokens = chat.max_output_tokens > 0
                                        ? chat.max_output_tokens
                                        : kDefaultOutputEstimate;
  call.request_id = ex.request_id;
  return call;
}

void complete(Exchange& ex, AppContext& app, openai_wire::ChatRequest& chat) {
  auto& caller = require(app.caller, "the provider gateway");
  auto report = caller.call(chat_call(ex, chat));
  ex.add_provider_ms(static_cast<double>(report.provider_ms));
  if (!report.outcome.ok()) throw_provider_failure(ex, report.outcome);
  ex.send_json(200, openai_wire::chat_completion(report.outcome.result,
                                                 chat.model, unix_now()));
}

class SseWriter {
 public:
  SseWriter(Exchange& ex, std::string id, std::string model)
      : ex_(ex),
        id_(std::move(id)),
        model_(std::move(model)),
        created_(unix_now()) {}

  bool started() const { return out_ != nullptr; }

  // False when the client has gone away.
  bool send(const json& data) {
    if (!out_) start();
    write_event(data);
    out_->flush();
    return out_->good();
  }
  bool chunk(const json& delta, const json& finish = nullptr) {
    return send(openai_wire::chat_chunk(id_, model_, created_, delta, finish));
  }
  void done() {
    if (!out_) start();
    *out_ << "data: [DONE]\n\n";
    out_->flush();
  }
  void set_model(const std::string& model) {
    if (!model.empty()) model_ = model;
  }
  const std::string& id() const { return id_; }
  const std::string& model() const { return model_; }
  int64_t created() const { return created_; }

 private:
  void write_event(const json& data) {
    std::string event = "data: ";
    sdk::append_json(event, data);
    event += "\n\n";
    *out_ << event;
  }
  void start() {
    ex_.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    ex_.response.setChunkedTransferEncoding(true);
    ex_.response.setContentType("text/event-stream");
    ex_.response.set("Cache-Control", "no-cache");
    ex_.set_standard_headers();
    out_ = &ex_.response.send();
    // The SDKs expect the role first, as OpenAI sends it.
    write_event(openai_wire::chat_chunk(
        id_, model_, created_, {{"role", "assistant"}, {"content", ""}}));
  }

  Exchange& ex_;
  std::string id_;
  std::string model_;
  int64_t created_;
  std::ostream* out_ = nullptr;
};

void stream(Exchange& ex, AppContext& app, openai_wire::ChatRequest& chat) {
  auto& caller = require(app.caller, "the provider gateway");
  SseWriter sse(ex, "chatcmpl-" + ex.request_id, chat.model);
  bool client_gone = false;
  auto report = caller.stream(chat_call(ex, chat), [&](const json& event) {
    if (event.value("type", "") != "delta") return true;
    json delta = json::object();
    if (auto c = event.find("content"); c != event.end() && c->is_string())
      delta["content"] = *c;
    if (auto r = event.find("refusal"); r != event.end() && r->is_string())
      delta["refusal"] = *r;
    if (delta.empty()) return true;  // the finish reason comes at the end
    if (!sse.chunk(delta)) client_gone = true;
    return !client_gone;
  });
  ex.add_provider_ms(static_cast<double>(report.provider_ms));
  if (client_gone) return;
  const auto& outcome = report.outcome;
  if (!outcome.ok()) {
    if (!sse.started()) throw_provider_failure(ex, outcome);
    const auto failure = gateway::classify(outcome.status);
    sse.send({{"error",
               {{"code", failure.code},
                {"message", outcome.message},
                {"type", "api_error"},
                {"request_id", ex.request_id}}}});
    return;  // no [DONE]: the client must see the stream was cut
  }
  const json& result = outcome.result;
  sse.set_model(result.value("model", std::string()));
  std::string finish = result.value("finish_reason", std::string("stop"));
  if (finish.empty()) finish = "stop";
  if (!sse.chunk(json::object(), finish)) return;
  if (chat.include_usage) {
    json usage_chunk = openai_wire::chat_chunk(sse.id(), sse.model(),
                                               sse.created(), json::object());
    usage_chunk["choices"] = json::array();
    usage_chunk["usage"] =
        openai_wire::chat_usage(result.value("usage", json::object()));
    if (!sse.send(usage_chunk)) return;
  }
  sse.done();
}

}  // namespace

void add_openai_chat_routes(Router& router, AppContext& app) {
  router.add("POST", "/v1/chat/completions", Access::kTenant,
             [&app](Exchange& ex) {
               auto chat = openai_wire::parse_chat_request(ex.json_body());
               if (chat.stream)
                 stream(ex, app, chat);
               else
                 complete(ex, app, chat);
             });
}

}  // namespace aihost::api
