#include "net/body_reader.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace aihost::net {
namespace {

constexpr int kReadSize = 16384;
constexpr size_t kMaxLine = 4096;  // chunk-size lines and trailers

uint64_t hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<uint64_t>(c - '0');
  return static_cast<uint64_t>((c | 0x20) - 'a' + 10);
}

class Decoder {
 public:
  Decoder(const RawRead& read, int64_t limit,
          const std::function<bool(std::string_view)>& on_data)
      : read_(read), limit_(limit), on_data_(on_data) {}

  BodyEnd fixed(int64_t length) {
    while (length > 0) {
      if (pending() == 0 && !fill()) return BodyEnd::cut;
      auto n = static_cast<size_t>(
          std::min<int64_t>(length, static_cast<int64_t>(pending())));
      if (auto end = emit(n)) return *end;
      length -= static_cast<int64_t>(n);
    }
    return BodyEnd::complete;
  }

  BodyEnd until_close() {
    for (;;) {
      if (pending() == 0 && !fill()) return BodyEnd::complete;
      if (auto end = emit(pending())) return *end;
    }
  }

  BodyEnd chunked() {
    for (;;) {
      std::string line;
      if (!take_line(line)) return BodyEnd::cut;
      if (line.size() > kMaxLine) return BodyEnd::malformed;
      size_t digits = 0;
      uint64_t size = 0;
      while (digits < line.size() &&
             std::isxdigit(static_cast<unsigned char>(line[digits]))) {
        if (digits >= 15) return BodyEnd::malformed;
        size = size * 16 + hex_value(line[digits]);
        ++digits;
      }
      if (digits == 0) return BodyEnd::malformed;
      auto rest = line.find_first_not_of(" \t", digits);
      if (rest != std::string::npos && line[rest] != ';')
        return BodyEnd::malformed;
      if (size == 0) {
        // Trailer fields, then the empty line that ends the message.
        for (;;) {
          if (!take_line(line)) return BodyEnd::cut;
          if (line.empty()) return BodyEnd::complete;
          if (line.size() > kMaxLine) return BodyEnd::malformed;
        }
      }
      if (auto end = fixed(static_cast<int64_t>(size));
          end != BodyEnd::complete)
        return end;
      if (!take_line(line)) return BodyEnd::cut;
      if (!line.empty()) return BodyEnd::malformed;
    }
  }

  size_t pending() const { return buf_.size() - pos_; }

 private:
  bool fill() {
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    char tmp[kReadSize];
    int n = read_(tmp, kReadSize);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<size_t>(n));
    return true;
  }

  // The next CRLF-terminated line, without its end.
  bool take_line(std::string& line) {
    size_t eol;
    while ((eol = buf_.find('\n', pos_)) == std::string::npos) {
      if (pending() > kMaxLine) {
        line.assign(kMaxLine + 1, ' ');
        return true;
      }
      if (!fill()) return false;
    }
    size_t end = eol > pos_ && buf_[eol - 1] == '\r' ? eol - 1 : eol;
    line.assign(buf_, pos_, end - pos_);
    pos_ = eol + 1;
    return true;
  }

  std::optional<BodyEnd> emit(size_t n) {
    total_ += static_cast<int64_t>(n);
    if (total_ > limit_) return BodyEnd::too_large;
    std::string_view piece(buf_.data() + pos_, n);
    pos_ += n;
    if (!on_data_(piece)) return BodyEnd::aborted;
    return std::nullopt;
  }

  const RawRead& read_;
  int64_t limit_;
  const std::function<bool(std::string_view)>& on_data_;
  std::string buf_;
  size_t pos_ = 0;
  int64_t total_ = 0;
};

}  // namespace

BodyEnd read_body(const RawRead& read, Framing framing, int64_t length,
                  int64_t limit,
                  const std::function<bool(std::string_view)>& on_data,
                  bool* overread) {
  Decoder d(read, limit, on_data);
  BodyEnd end = BodyEnd::complete;
  switch (framing) {
    case Framing::none:
      break;
    case Framing::length:
      end = length > limit ? BodyEnd::too_large : d.fixed(length);
      break;
    case Framing::chunked:
      end = d.chunked();
      break;
    case Framing::until_close:
      end = d.until_close();
      break;
  }
  if (overread) *overread = d.pending() > 0;
  return end;
}

}  // namespace aihost::net
