#include "net/response_head.hpp"

#include "net/http_text.hpp"

#include <Poco/Net/NetException.h>

#include <algorithm>
#include <string>

namespace aihost::net {
namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw Poco::Net::MessageException("malformed response head: " + what);
}

// Calls fn on each comma-separated, trimmed, non-empty element.
template <class Fn>
void for_each_element(std::string_view list, Fn fn) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view item = trim_ows(list.substr(0, comma));
    if (!item.empty()) fn(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// "HTTP/1.x SSS[ reason]"
void parse_status_line(std::string_view line, ResponseHead& head) {
  if (line.size() < 12 || line.substr(0, 7) != "HTTP/1." || line[7] < '0' ||
      line[7] > '9' || line[8] != ' ')
    malformed("status line is not HTTP/1.x");
  head.minor_version = line[7] - '0';
  int status = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (line[i] < '0' || line[i] > '9')
      malformed("status code is not 3 digits");
    status = status * 10 + (line[i] - '0');
  }
  if (line.size() > 12 && line[12] != ' ')
    malformed("status code is not 3 digits");
  if (status < 100) malformed("status code below 100");
  head.status = status;
}

// What the fields say about framing and the connection.
void interpret(ResponseHead& head) {
  bool close = false, keep_alive = false;
  for (const Header& h : head.headers) {
    if (iequals(h.name, "Content-Length")) {
      const auto length = parse_content_length(h.value);
      if (!length) malformed("invalid Content-Length");
      const int64_t n = *length;
      if (head.content_length >= 0 && head.content_length != n)
        malformed("conflicting Content-Length fields");
      head.content_length = n;
    } else if (iequals(h.name, "Transfer-Encoding")) {
      for_each_element(h.value, [&](std::string_view coding) {
        head.chunked = iequals(coding, "chunked");
        head.other_coding = !head.chunked;
      });
    } else if (iequals(h.name, "Connection")) {
      for_each_element(h.value, [&](std::string_view option) {
        if (iequals(option, "close")) close = true;
        if (iequals(option, "keep-alive")) keep_alive = true;
      });
    }
  }
  head.keep_alive = !close && (head.minor_version >= 1 || keep_alive);
}

}  // namespace

std::optional<size_t> response_head_length(std::string_view bytes,
                                           size_t scanned) {
  // A blank line spans at most three bytes: look back that far.
  const size_t from = scanned > 3 ? scanned - 3 : 0;
  for (size_t nl = bytes.find('\n', from); nl != std::string_view::npos;
       nl = bytes.find('\n', nl + 1)) {
    if (nl + 1 < bytes.size() && bytes[nl + 1] == '\n') return nl + 2;
    if (nl + 2 < bytes.size() && bytes[nl + 1] == '\r' && bytes[nl + 2] == '\n')
      return nl + 3;
  }
  return std::nullopt;
}

ResponseHead parse_response_head(std::string_view head) {
  ResponseHead out;
  // One field a line at most: the vector is allocated once, not regrown
  // (and its strings moved) five times for a dozen fields.
  out.headers.reserve(std::min<size_t>(
      std::count(head.begin(), head.end(), '\n'), kMaxResponseHeadFields));
  bool first = true;
  while (!head.empty()) {
    const size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      parse_status_line(line, out);
      first = false;
      continue;
    }
    if (line.empty()) break;  // the blank line that ends the head
    if (line.front() == ' ' || line.front() == '\t') {
      // An obsolete line folding: its text continues the previous value,
      // joined with one space (RFC 9112, section 5.2).
      if (out.headers.empty()) malformed("folded line before any field");
      std::string& value = out.headers.back().value;
      const std::string_view more = trim_ows(line);
      if (!more.empty()) (value += ' ') += more;
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      malformed("header line without a field name");
    const std::string_view name = line.substr(0, colon);
    if (!is_http_token(name)) malformed("invalid character in a field name");
    if (out.headers.size() == kMaxResponseHeadFields)
      malformed("more than " + std::to_string(kMaxResponseHeadFields) +
                " fields");
    out.headers.push_back(
        {std::string(name), std::string(trim_ows(line.substr(colon + 1)))});
  }
  if (first) malformed("no status line");
  interpret(out);
  return out;
}

}  // namespace aihost::net
