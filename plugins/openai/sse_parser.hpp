// Server-sent events framing (WHATWG HTML, "event stream interpretation"),
// fed with network chunks that may split lines anywhere, even between the
// CR and LF of one line end.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aihost::openai {

class SseParser {
 public:
  // Receives the data of one complete event (its data: lines joined by
  // '\n'); returns false to stop parsing.
  using OnData = std::function<bool(std::string_view data)>;

  // Bounds memory when a peer never ends a line or an event.
  static constexpr size_t kMaxEventBytes = 8u << 20;

  // Returns false when `on_data` asked to stop. Throws
  // Error(UPSTREAM_PROTOCOL) for an event over kMaxEventBytes.
  bool feed(std::string_view chunk, const OnData& on_data);

  // Bytes of an unfinished line or event are still held.
  bool mid_event() const { return !line_.empty() || has_data_; }

 private:
  bool end_line(const OnData& on_data);

  std::string line_;
  std::string data_;
  bool has_data_ = false;
  bool skip_lf_ = false;  // the previous chunk ended in CR
};

}  // namespace aihost::openai
