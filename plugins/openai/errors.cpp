#include "errors.hpp"

#include <cctype>
#include <cmath>
#include <ctime>
#include <optional>

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

struct ErrorBody {
  std::string message;
  std::string type;
  std::string code;
};

std::string string_field(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>()
                                            : std::string();
}

std::optional<ErrorBody> parse_error_object(const json& error) {
  if (!error.is_object()) return std::nullopt;
  return ErrorBody{string_field(error, "message"), string_field(error, "type"),
                   string_field(error, "code")};
}

std::optional<ErrorBody> parse_error_body(std::string_view body) {
  json doc = sdk::parse_json_or_discard(body);
  if (!doc.is_object()) return std::nullopt;
  auto it = doc.find("error");
  if (it == doc.end()) return std::nullopt;
  return parse_error_object(*it);
}

bool out_of_quota(const ErrorBody& e) {
  return e.code == "insufficient_quota" || e.type == "insufficient_quota";
}

aihost_status status_for_http(int status, const std::optional<ErrorBody>& e) {
  // A 429 is either "slow down" or "out of quota"; only the body tells.
  if (status == 429 && e && out_of_quota(*e)) return AIHOST_QUOTA_EXCEEDED;
  return sdk::status_from_http(status);
}

// Without an HTTP status, the error type is all there is to go on.
aihost_status status_for_type(const ErrorBody& e) {
  if (out_of_quota(e)) return AIHOST_QUOTA_EXCEEDED;
  if (e.code == "rate_limit_exceeded" || e.type == "rate_limit_error" ||
      e.type == "tokens" || e.type == "requests")
    return AIHOST_RATE_LIMITED;
  if (e.type == "invalid_request_error") return AIHOST_INVALID_ARGUMENT;
  if (e.type == "authentication_error") return AIHOST_UNAUTHENTICATED;
  return AIHOST_UNAVAILABLE;
}

std::string printable_excerpt(std::string_view body) {
  std::string out;
  for (char ch : body.substr(0, 160))
    out += std::isprint(static_cast<unsigned char>(ch)) ? ch : ' ';
  if (body.size() > 160) out += "...";
  return out;
}

std::optional<double> parse_number(const std::string& s) {
  try {
    size_t used = 0;
    double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<std::string> header(const std::vector<sdk::Header>& headers,
                                  std::string_view name) {
  sdk::HttpResponse r;
  r.headers = headers;
  return r.header(name);
}

}  // namespace

std::string scrub(std::string text, std::string_view api_key) {
  if (!api_key.empty())
    for (size_t at; (at = text.find(api_key)) != std::string::npos;)
      text.replace(at, api_key.size(), "[redacted]");
  // OpenAI's 401 repeats a masked form of the key; keep none of it.
  static constexpr std::string_view kEcho = "API key provided: ";
  if (size_t at = text.find(kEcho); at != std::string::npos) {
    size_t from = at + kEcho.size();
    size_t to = text.find_first_of(" .,", from);
    if (to == std::string::npos) to = text.size();
    text.replace(from, to - from, "[redacted]");
  }
  return text;
}

long long retry_after_ms(const std::vector<sdk::Header>& headers) {
  if (auto ms = header(headers, "retry-after-ms"))
    if (auto v = parse_number(*ms); v && *v >= 0)
      return static_cast<long long>(std::ceil(*v));
  auto after = header(headers, "retry-after");
  if (!after) return -1;
  if (auto v = parse_number(*after); v && *v >= 0)
    return static_cast<long long>(std::ceil(*v * 1000.0));
  std::tm tm{};
  if (!strptime(after->c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) return -1;
  std::time_t when = timegm(&tm);
  std::time_t now = std::time(nullptr);
  return when > now ? static_cast<long long>(when - now) * 1000 : 0;
}

bool forbids_retry(int status, const std::vector<sdk::Header>& headers,
                   std::string_view body) {
  if (auto should = header(headers, "x-should-retry"); should == "false")
    return true;
  if (status == 402) return true;
  if (status != 429) return false;
  auto e = parse_error_body(body);
  return e && out_of_quota(*e);
}

Error http_error(const sdk::HttpResponse& response, std::string_view api_key) {
  auto e = parse_error_body(response.body);
  aihost_status st = status_for_http(response.status, e);
  std::string message =
      "OpenAI answered HTTP " + std::to_string(response.status);
  std::string code;
  if (e) {
    if (!e->message.empty()) message += ": " + e->message;
    code = !e->code.empty() ? e->code : e->type;
  } else if (!response.body.empty()) {
    message += " without an error object: " + printable_excerpt(response.body);
  }
  if (auto id = response.header("x-request-id"))
    message += " (request " + printable_excerpt(*id) + ")";
  long long retry = retry_after_ms(response.headers);
  return Error(st, scrub(std::move(message), api_key), response.status, retry,
               code);
}

Error stream_error(const json& error, std::string_view api_key) {
  auto e = parse_error_object(error);
  if (!e)
    return Error(AIHOST_UPSTREAM_PROTOCOL,
                 "OpenAI stream carried a malformed error object");
  std::string message = "OpenAI stream failed";
  if (!e->message.empty()) message += ": " + e->message;
  return Error(status_for_type(*e), scrub(std::move(message), api_key), 0, -1,
               !e->code.empty() ? e->code : e->type);
}

}  // namespace aihost::openai
