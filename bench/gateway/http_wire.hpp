// HTTP/1.1 framing shared by the fake upstream and the load generator:
// message heads and the three ways a body ends (length, chunks, close).
// Both tools parse incrementally from their own buffers, so nothing here
// owns a socket or allocates per byte.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aihost::bench {

struct Head {
  // Request: method and target. Response: status and reason.
  std::string method, target;
  int status = 0;
  bool http11 = true;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower

  const std::string* header(std::string_view lower_name) const;
  // HTTP/1.1 keeps the connection unless told to close; 1.0 the reverse.
  bool keep_alive() const;
};

enum class HeadResult { kIncomplete, kDone, kMalformed };

// Parses one head from the front of `buf`. On kDone, `consumed` is the head's
// length including the blank line.
HeadResult parse_request_head(std::string_view buf, Head& out,
                              size_t& consumed);
HeadResult parse_response_head(std::string_view buf, Head& out,
                               size_t& consumed);

// Consumes a body from successive buffers; emits the payload bytes of each
// piece as it arrives (chunk framing removed).
class BodyReader {
 public:
  enum class Framing { kLength, kChunked, kUntilClose };

  BodyReader() = default;
  BodyReader(Framing framing, uint64_t length);
  // Picks the framing a head announces; nullopt if it announces none that a
  // request may use (a request without either has an empty body).
  static std::optional<BodyReader> for_head(const Head& head, bool is_response);

  // Consumes from `in`; returns bytes used, or -1 on malformed chunking.
  // `sink(std::string_view)` receives payload bytes.
  template <typename Sink>
  long feed(std::string_view in, Sink&& sink);
  bool done() const { return state_ == State::kDone; }
  Framing framing() const { return framing_; }
  // What is left of a length-framed body.
  uint64_t remaining() const { return remaining_; }
  // The peer closed: the end of an until-close body, an error otherwise.
  bool finish_on_close();

 private:
  enum class State { kSize, kData, kDataEnd, kTrailer, kDone };
  Framing framing_ = Framing::kLength;
  State state_ = State::kDone;
  uint64_t remaining_ = 0;
  std::string line_;  // a partial size or trailer line
};

std::string to_lower(std::string_view s);

template <typename Sink>
long BodyReader::feed(std::string_view in, Sink&& sink) {
  size_t pos = 0;
  while (pos < in.size() && state_ != State::kDone) {
    if (framing_ == Framing::kUntilClose) {
      sink(in.substr(pos));
      return static_cast<long>(in.size());
    }
    if (state_ == State::kData) {
      size_t n =
          static_cast<size_t>(std::min<uint64_t>(remaining_, in.size() - pos));
      sink(in.substr(pos, n));
      pos += n;
      remaining_ -= n;
      if (remaining_ == 0)
        state_ = framing_ == Framing::kLength ? State::kDone : State::kDataEnd;
      continue;
    }
    // Size, chunk-end and trailer lines: collect up to LF.
    size_t lf = in.find('\n', pos);
    size_t end = lf == std::string_view::npos ? in.size() : lf;
    line_.append(in.substr(pos, end - pos));
    if (line_.size() > 4096) return -1;
    if (lf == std::string_view::npos) return static_cast<long>(in.size());
    pos = lf + 1;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    std::string line = std::move(line_);
    line_.clear();
    if (state_ == State::kDataEnd) {
      if (!line.empty()) return -1;
      state_ = State::kSize;
    } else if (state_ == State::kTrailer) {
      if (line.empty()) state_ = State::kDone;
    } else {  // kSize
      size_t digits = line.find_first_of("; \t");
      std::string_view hex = std::string_view(line).substr(0, digits);
      if (hex.empty() || hex.size() > 15) return -1;
      uint64_t n = 0;
      for (char c : hex) {
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (v < 0) return -1;
        n = n * 16 + static_cast<uint64_t>(v);
      }
      remaining_ = n;
      state_ = n == 0 ? State::kTrailer : State::kData;
    }
  }
  return static_cast<long>(pos);
}

}  // namespace aihost::bench
