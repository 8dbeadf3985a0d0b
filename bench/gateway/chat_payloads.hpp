// What the fake upstream says: OpenAI chat completion bodies, stream chunks
// and error bodies in the shapes of the real API (PROTOCOLS.md 1.2), built by
// concatenation so that producing them costs next to nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aihost::bench {

struct ChatRequest {
  std::string model_json;  // the requested model, as a JSON string literal
  bool stream = false;
  bool include_usage = false;
  int prompt_tokens = 0;
};

struct ApiError {
  int status = 0;
  std::string body;  // {"error":{message,type,param,code}}
};

ApiError api_error(int status, std::string_view message, std::string_view type,
                   std::string_view param, std::string_view code);

// Checks a /v1/chat/completions body the way the API does for the fields a
// gateway sends; fills `out` or returns the 400 the API would answer.
bool parse_chat_request(std::string_view body, ChatRequest& out,
                        ApiError& error);

// One response or stream; `id` is unique per response.
class ChatReply {
 public:
  ChatReply(const ChatRequest& request, uint64_t id, int64_t created_s);

  std::string completion(int words) const;
  std::string role_chunk() const;
  std::string content_chunk(int index) const;
  std::string finish_chunk() const;
  std::string usage_chunk(int completion_tokens) const;

 private:
  std::string chunk(std::string_view choices, std::string_view usage) const;
  std::string usage_json(int completion_tokens) const;

  const ChatRequest& request_;
  std::string id_;
  std::string created_;
};

// The SSE event carrying `json`: "data: <json>\n\n".
std::string sse_event(std::string_view json);

}  // namespace aihost::bench
