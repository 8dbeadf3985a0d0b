// The OpenAI provider: llm.chat (plain, structured and streamed) over
// /chat/completions and audio.transcribe over /audio/transcriptions.
#include "chat_request.hpp"
#include "chat_response.hpp"
#include "chat_stream.hpp"
#include "config.hpp"
#include "errors.hpp"
#include "transcription_request.hpp"
#include "transcription_response.hpp"

#include <aihost/json_write.hpp>
#include <aihost/plugin.hpp>

#include <optional>

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

bool success(int status) { return status >= 200 && status < 300; }

// Parses a 2xx body; an off-contract answer keeps the HTTP status it came
// with, which tells operators the upstream did answer.
template <class Parse>
json parse_answer(int http_status, Parse&& parse) {
  try {
    return parse();
  } catch (const Error& e) {
    throw Error(e.status(), e.what(), http_status, -1, e.provider_code());
  }
}

class OpenAiInstance final : public sdk::Instance {
 public:
  explicit OpenAiInstance(Config config) : config_(std::move(config)) {}

  json invoke(const aihost_call* call, const sdk::Request& request) override {
    if (request.operation == AIHOST_OP_LLM_CHAT) return chat(call, request);
    return transcribe(call, request);
  }

  json chat_stream(const aihost_call* call, const sdk::Request& request,
                   const sdk::EventFn& emit) override {
    ChatRequest chat = build_chat_request(config_, request.params, true);
    sdk::HttpRequest http = post(request.api_key, "/chat/completions");
    http.headers.push_back({"Content-Type", "application/json"});
    http.headers.push_back({"Accept", "text/event-stream"});
    http.body = sdk::write_json(chat.body);
    http.stream = true;

    ChatStream stream(chat.structured, request.api_key, emit);
    std::optional<Error> payload_error;  // from the stream's own content
    sdk::HttpResponse resp;
    try {
      resp = sdk::Host::get().send(call, http, [&](std::string_view bytes) {
        try {
          return stream.feed(bytes);
        } catch (const Error& e) {
          payload_error = e;
          return false;
        }
      });
    } catch (const Error& e) {
      if (payload_error) throw *payload_error;
      // A transport failure after the first bytes is a cut stream.
      if (e.status() == AIHOST_UNAVAILABLE && stream.started())
        throw Error(
            AIHOST_UNAVAILABLE,
            stream.cut_message() + ": " + scrub(e.what(), request.api_key),
            e.http_status());
      throw Error(e.status(), scrub(e.what(), request.api_key), e.http_status(),
                  e.retry_after_ms(), e.provider_code());
    }
    if (payload_error) throw *payload_error;
    if (stream.consumer_gone())
      throw Error(AIHOST_CANCELLED, "the stream consumer went away");
    if (!success(resp.status)) throw http_error(resp, request.api_key);
    if (!stream.done())
      throw Error(AIHOST_UNAVAILABLE, stream.cut_message(), resp.status);
    return stream.finish();
  }

 private:
  sdk::HttpRequest post(std::string_view api_key, std::string_view path) const {
    sdk::HttpRequest http;
    http.method = "POST";
    http.url = config_.url(path);
    http.headers = auth_headers(config_, api_key);
    http.timeout_ms = config_.timeout_ms;
    http.retry_veto = &forbids_retry;
    return http;
  }

  sdk::HttpResponse send(const aihost_call* call, const sdk::HttpRequest& http,
                         std::string_view api_key) const {
    try {
      return sdk::Host::get().send(call, http);
    } catch (const Error& e) {
      throw Error(e.status(), scrub(e.what(), api_key), e.http_status(),
                  e.retry_after_ms(), e.provider_code());
    }
  }

  json chat(const aihost_call* call, const sdk::Request& request) const {
    ChatRequest chat = build_chat_request(config_, request.params, false);
    sdk::HttpRequest http = post(request.api_key, "/chat/completions");
    http.headers.push_back({"Content-Type", "application/json"});
    http.body = sdk::write_json(chat.body);
    sdk::HttpResponse resp = send(call, http, request.api_key);
    if (!success(resp.status)) throw http_error(resp, request.api_key);
    return parse_answer(resp.status, [&] {
      return json(parse_chat_response(resp.body, chat.structured));
    });
  }

  json transcribe(const aihost_call* call, const sdk::Request& request) const {
    TranscriptionRequest tr = build_transcription_request(
        config_, request.params, request.payload, request.payload_type);
    sdk::HttpRequest http = post(request.api_key, "/audio/transcriptions");
    http.headers.push_back({"Content-Type", tr.content_type});
    http.body = std::move(tr.body);
    sdk::HttpResponse resp = send(call, http, request.api_key);
    if (!success(resp.status)) throw http_error(resp, request.api_key);
    return parse_answer(resp.status, [&] {
      return json(parse_transcription_response(resp.body, tr));
    });
  }

  const Config config_;
};

struct OpenAiPlugin {
  static constexpr const char* id = "openai";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* description =
      "OpenAI chat completions (structured, streamed) and audio transcription";
  static constexpr bool streams = true;
  static constexpr uint32_t multichannel = 0;

  static const char* const* capabilities() {
    static const char* const caps[] = {AIHOST_OP_LLM_CHAT,
                                       AIHOST_OP_AUDIO_TRANSCRIBE, nullptr};
    return caps;
  }

  static std::unique_ptr<sdk::Instance> create(const json& config) {
    return std::make_unique<OpenAiInstance>(Config::parse(config));
  }
};

}  // namespace
}  // namespace aihost::openai

AIHOST_DEFINE_PLUGIN(aihost::openai::OpenAiPlugin)
