#include "http_wire.hpp"

#include <algorithm>
#include <charconv>

namespace aihost::bench {
namespace {

constexpr size_t kMaxHead = 64 * 1024;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Finds the blank line ending a head; accepts bare LF as many servers do.
bool head_end(std::string_view buf, size_t& lines_end, size_t& consumed) {
  size_t crlf = buf.find("\r\n\r\n");
  size_t lf = buf.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos)
    return false;
  if (crlf != std::string_view::npos &&
      (lf == std::string_view::npos || crlf < lf)) {
    lines_end = crlf;
    consumed = crlf + 4;
  } else {
    lines_end = lf;
    consumed = lf + 2;
  }
  return true;
}

bool parse_headers(std::string_view lines, Head& out) {
  out.headers.clear();
  size_t pos = 0;
  while (pos < lines.size()) {
    size_t eol = lines.find('\n', pos);
    if (eol == std::string_view::npos) eol = lines.size();
    std::string_view line = trim(lines.substr(pos, eol - pos));
    pos = eol + 1;
    if (line.empty()) continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    out.headers.emplace_back(to_lower(trim(line.substr(0, colon))),
                             std::string(trim(line.substr(colon + 1))));
  }
  return true;
}

bool http_version(std::string_view v, Head& out) {
  if (v == "HTTP/1.1") {
    out.http11 = true;
    return true;
  }
  if (v == "HTTP/1.0") {
    out.http11 = false;
    return true;
  }
  return false;
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string r(s);
  std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return r;
}

const std::string* Head::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return &v;
  return nullptr;
}

bool Head::keep_alive() const {
  const std::string* c = header("connection");
  std::string v = c ? to_lower(*c) : "";
  if (http11) return v.find("close") == std::string::npos;
  return v.find("keep-alive") != std::string::npos;
}

HeadResult parse_request_head(std::string_view buf, Head& out,
                              size_t& consumed) {
  size_t lines_end = 0;
  if (!head_end(buf, lines_end, consumed))
    return buf.size() > kMaxHead ? HeadResult::kMalformed
                                 : HeadResult::kIncomplete;
  std::string_view head = buf.substr(0, lines_end);
  size_t eol = head.find('\n');
  std::string_view start =
      trim(head.substr(0, eol == std::string_view::npos ? head.size() : eol));
  size_t sp1 = start.find(' ');
  size_t sp2 = start.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1)
    return HeadResult::kMalformed;
  out.method = std::string(start.substr(0, sp1));
  out.target = std::string(start.substr(sp1 + 1, sp2 - sp1 - 1));
  out.status = 0;
  if (out.method.empty() || out.target.empty() ||
      !http_version(start.substr(sp2 + 1), out))
    return HeadResult::kMalformed;
  if (eol != std::string_view::npos &&
      !parse_headers(head.substr(eol + 1), out))
    return HeadResult::kMalformed;
  if (eol == std::string_view::npos) out.headers.clear();
  return HeadResult::kDone;
}

HeadResult parse_response_head(std::string_view buf, Head& out,
                               size_t& consumed) {
  size_t lines_end = 0;
  if (!head_end(buf, lines_end, consumed))
    return buf.size() > kMaxHead ? HeadResult::kMalformed
                                 : HeadResult::kIncomplete;
  std::string_view head = buf.substr(0, lines_end);
  size_t eol = head.find('\n');
  std::string_view start =
      trim(head.substr(0, eol == std::string_view::npos ? head.size() : eol));
  size_t sp1 = start.find(' ');
  if (sp1 == std::string_view::npos || !http_version(start.substr(0, sp1), out))
    return HeadResult::kMalformed;
  std::string_view rest = start.substr(sp1 + 1);
  int status = 0;
  auto [p, ec] = std::from_chars(
      rest.data(), rest.data() + std::min<size_t>(3, rest.size()), status);
  if (ec != std::errc() || p != rest.data() + 3 || status < 100 || status > 599)
    return HeadResult::kMalformed;
  out.status = status;
  out.method.clear();
  out.target = std::string(trim(rest.substr(3)));
  out.headers.clear();
  if (eol != std::string_view::npos &&
      !parse_headers(head.substr(eol + 1), out))
    return HeadResult::kMalformed;
  return HeadResult::kDone;
}

BodyReader::BodyReader(Framing framing, uint64_t length)
    : framing_(framing), remaining_(length) {
  switch (framing) {
    case Framing::kLength:
      state_ = length == 0 ? State::kDone : State::kData;
      break;
    case Framing::kChunked:
      state_ = State::kSize;
      break;
    case Framing::kUntilClose:
      state_ = State::kData;
      break;
  }
}

std::optional<BodyReader> BodyReader::for_head(const Head& head,
                                               bool is_response) {
  if (is_response &&
      (head.status == 204 || head.status == 304 || head.status < 200))
    return BodyReader(Framing::kLength, 0);
  if (const std::string* te = head.header("transfer-encoding")) {
    if (to_lower(*te).find("chunked") == std::string::npos) return std::nullopt;
    return BodyReader(Framing::kChunked, 0);
  }
  if (const std::string* cl = head.header("content-length")) {
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(cl->data(), cl->data() + cl->size(), n);
    if (ec != std::errc() || p != cl->data() + cl->size()) return std::nullopt;
    return BodyReader(Framing::kLength, n);
  }
  if (is_response) return BodyReader(Framing::kUntilClose, 0);
  return BodyReader(Framing::kLength, 0);
}

bool BodyReader::finish_on_close() {
  if (framing_ == Framing::kUntilClose) {
    state_ = State::kDone;
    return true;
  }
  return state_ == State::kDone;
}

}  // namespace aihost::bench
