// One streamed chat completion: SSE chunks in, delta events out, and the
// final LlmResult once `data: [DONE]` has arrived.
#pragma once

#include "sse_parser.hpp"

#include <aihost/plugin.hpp>
#include <aihost/results.hpp>

#include <string>
#include <string_view>

namespace aihost::openai {

class ChatStream {
 public:
  ChatStream(bool structured, std::string_view api_key, sdk::EventFn emit);

  // Network bytes of a 2xx answer. Returns false once the consumer has gone
  // (the transfer should stop). Throws the mapped Error for an error
  // payload and Error(UPSTREAM_PROTOCOL) for a chunk that is not JSON.
  bool feed(std::string_view bytes);

  bool done() const { return done_; }
  bool consumer_gone() const { return consumer_gone_; }
  bool started() const { return chunks_ > 0 || parser_.mid_event(); }

  // Why a stream without [DONE] is a failure, with what had arrived.
  std::string cut_message() const;

  // Call only when done().
  sdk::LlmResult finish();

 private:
  bool on_data(std::string_view data);

  bool structured_;
  std::string api_key_;
  sdk::EventFn emit_;
  SseParser parser_;
  sdk::LlmResult result_;
  std::string content_;
  std::string refusal_;
  bool saw_content_ = false;
  bool saw_refusal_ = false;
  bool saw_usage_ = false;
  bool done_ = false;
  bool consumer_gone_ = false;
  size_t chunks_ = 0;
  size_t deltas_ = 0;
};

}  // namespace aihost::openai
