// A fake OpenAI API (/v1/chat/completions, /v1/audio/transcriptions) on
// 127.0.0.1 that checks requests as strictly as the real service: bearer
// auth, content types, JSON and multipart shape, parameter rules per model.
// It answers with payloads of the real shapes, and tests script faults per
// request.
#pragma once

#include "fakes/fake_server.hpp"
#include "fakes/multipart.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace aihost::fakes {

enum class OpenAiFault {
  rate_limit,                 // 429 rate_limit_exceeded, no delay header
  rate_limit_retry_after,     // 429 rate_limit_exceeded with Retry-After: 1
  rate_limit_retry_after_ms,  // ... with retry-after-ms as well
  insufficient_quota,         // 429 insufficient_quota, no delay header
  server_error,               // 500 server_error
  overloaded,                 // 503
  slow,                       // a normal answer after slow_ms
  reset,                      // the connection is dropped unanswered
  malformed_json,             // 200 with a truncated JSON body
  no_choices,                 // 200 chat answer without choices
  stream_cut,                 // SSE stream dropped before [DONE]
  stream_error,               // an error object inside the SSE stream
};

// What the model "says" to the next chat requests.
struct ChatReply {
  std::optional<std::string> content = "Your call is booked for Tuesday.";
  std::optional<std::string> refusal;
  std::string finish_reason = "stop";
  int prompt_tokens = 31;
  int completion_tokens = 9;
  std::optional<int> cached_tokens = 0;     // prompt_tokens_details
  std::optional<int> reasoning_tokens = 0;  // completion_tokens_details
};

struct SpokenSegment {
  double start;
  double end;
  std::string text;
};

// What the audio "contains".
struct TranscriptReply {
  std::string language = "english";  // as whisper-1 names it
  double duration = 7.38;
  std::vector<SpokenSegment> segments = {
      {0.0, 3.2, "Thanks for calling the support line."},
      {3.2, 7.38, "How can I help you today?"}};
};

class FakeOpenAI {
 public:
  explicit FakeOpenAI(std::string api_key);

  std::string base_url() const { return server_.base_url() + "/v1"; }

  // The next `times` requests fail with `fault`, in order of arrival.
  void fail_next(OpenAiFault fault, int times = 1);
  void set_chat_reply(ChatReply reply);
  // Picks the reply to each valid chat request from its JSON body (by its
  // response_format name, its messages, ...); set_chat_reply's reply is
  // not used while a responder is set. Called on the server's threads.
  void set_chat_responder(
      std::function<ChatReply(const nlohmann::json& body)> responder);
  void set_transcript(TranscriptReply reply);
  void set_slow_ms(int ms);
  // Splits SSE bytes into network chunks of this size (0: one per event),
  // so clients must reassemble lines.
  void set_stream_chunk_bytes(size_t n);

  std::vector<FakeRequest> requests() const { return server_.requests(); }
  size_t request_count() const { return server_.request_count(); }

  static nlohmann::json json_body(const FakeRequest& request);
  static std::vector<FormPart> form(const FakeRequest& request);

 private:
  FakeResponse handle(const FakeRequest& request);
  FakeResponse respond(const FakeRequest& request);
  FakeResponse chat(const FakeRequest& request,
                    std::optional<OpenAiFault> fault);
  FakeResponse transcription(const FakeRequest& request,
                             std::optional<OpenAiFault> fault);
  FakeResponse stream(const nlohmann::json& body, const ChatReply& reply,
                      std::optional<OpenAiFault> fault);

  const std::string api_key_;
  mutable std::mutex mu_;
  std::deque<OpenAiFault> faults_;
  ChatReply chat_reply_;
  std::function<ChatReply(const nlohmann::json&)> chat_responder_;
  TranscriptReply transcript_;
  int slow_ms_ = 300;
  size_t stream_chunk_bytes_ = 0;
  int next_id_ = 1;
  FakeServer server_;  // last: its thread may call handle() at once
};

// A 4xx/5xx body of OpenAI's ErrorResponse shape.
FakeResponse openai_error(int status, const std::string& message,
                          const std::string& type,
                          const std::optional<std::string>& param,
                          const std::optional<std::string>& code);

}  // namespace aihost::fakes
