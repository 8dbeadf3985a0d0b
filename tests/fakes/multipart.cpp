#include "fakes/multipart.hpp"

#include <strings.h>

namespace aihost::fakes {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// The value of `key` in "form-data; name=\"x\"; filename=\"y\"".
std::optional<std::string> disposition_param(std::string_view header,
                                             std::string_view key) {
  size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = header.substr(pos + 1);
    size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view k = trim(rest.substr(0, eq));
    std::string_view v = rest.substr(eq + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
      v.remove_prefix(1);
    std::string value;
    std::string_view after;
    if (!v.empty() && v.front() == '"') {
      size_t close = v.find('"', 1);
      if (close == std::string_view::npos)
        throw MultipartError("unterminated quoted parameter");
      value = std::string(v.substr(1, close - 1));
      after = v.substr(close + 1);
    } else {
      size_t semi = v.find(';');
      value = std::string(trim(v.substr(0, semi)));
      after =
          semi == std::string_view::npos ? std::string_view() : v.substr(semi);
    }
    if (iequals(k, key)) return value;
    size_t semi = after.find(';');
    if (semi == std::string_view::npos) return std::nullopt;
    header = after;
    pos = semi;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  size_t semi = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data") ||
      semi == std::string_view::npos)
    return std::nullopt;
  std::string_view params = content_type.substr(semi);
  size_t at = params.find("boundary=");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view b = params.substr(at + 9);
  b = b.substr(0, b.find(';'));
  b = trim(b);
  if (b.size() >= 2 && b.front() == '"' && b.back() == '"')
    b = b.substr(1, b.size() - 2);
  if (b.empty() || b.size() > 70) return std::nullopt;
  return std::string(b);
}

std::vector<FormPart> parse_multipart(std::string_view body,
                                      std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string separator = "\r\n" + delimiter;
  if (body.substr(0, delimiter.size()) != delimiter)
    throw MultipartError("body does not start with the boundary delimiter");
  size_t pos = delimiter.size();
  std::vector<FormPart> parts;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // close delimiter
    if (body.substr(pos, 2) != "\r\n")
      throw MultipartError("boundary delimiter not followed by CRLF");
    pos += 2;
    size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos)
      throw MultipartError("part headers are not terminated");
    FormPart part;
    bool form_data = false;
    std::string_view head = body.substr(pos, head_end - pos);
    while (!head.empty()) {
      size_t eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view()
                                           : head.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos)
        throw MultipartError("malformed part header line");
      std::string_view name = trim(line.substr(0, colon));
      std::string_view value = trim(line.substr(colon + 1));
      if (iequals(name, "Content-Disposition")) {
        form_data =
            iequals(trim(value.substr(0, value.find(';'))), "form-data");
        part.name = disposition_param(value, "name").value_or("");
        part.filename = disposition_param(value, "filename");
      } else if (iequals(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    if (!form_data || part.name.empty())
      throw MultipartError("part without a form-data name");
    size_t data_start = head_end + 4;
    size_t data_end = body.find(separator, data_start);
    if (data_end == std::string_view::npos)
      throw MultipartError("part '" + part.name +
                           "' is not closed by a boundary");
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + separator.size();
    if (pos >= body.size())
      throw MultipartError("body ends without the close delimiter");
  }
}

}  // namespace aihost::fakes
