#include "errors.hpp"

#include <cerrno>
#include <cstdlib>

namespace aihost::deepgram {
namespace {

using json = nlohmann::json;

struct ErrorBody {
  std::string code;     // err_code or category
  std::string message;  // err_msg or message (+ details)
  std::string request_id;
};

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

ErrorBody read_body(std::string_view body) {
  ErrorBody e;
  json j = json::parse(body, nullptr, false);
  if (!j.is_object()) return e;
  if (j.contains("err_code") || j.contains("err_msg")) {
    e.code = str(j, "err_code");
    e.message = str(j, "err_msg");
  } else {
    e.code = str(j, "category");
    e.message = str(j, "message");
    std::string details = str(j, "details");
    if (!details.empty())
      e.message += (e.message.empty() ? "" : " ") + ("(" + details + ")");
  }
  e.request_id = str(j, "request_id");
  return e;
}

aihost_status status_for(int http, const std::string& code) {
  if (code == "ASR_PAYMENT_REQUIRED") return AIHOST_QUOTA_EXCEEDED;
  return sdk::status_from_http(http);
}

// Deepgram documents no Retry-After, but honour one in seconds if sent.
long long retry_after_ms(const sdk::HttpResponse& r) {
  auto v = r.header("Retry-After");
  if (!v || v->empty()) return -1;
  errno = 0;
  char* end = nullptr;
  double secs = std::strtod(v->c_str(), &end);
  if (errno != 0 || end == v->c_str() || *end != '\0' || secs < 0) return -1;
  return static_cast<long long>(secs * 1000.0);
}

}  // namespace

std::string redact_secret(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  for (size_t pos = text.find(secret); pos != std::string::npos;
       pos = text.find(secret, pos))
    text.replace(pos, secret.size(), "[redacted]");
  return text;
}

sdk::Error map_error(const sdk::HttpResponse& r, std::string_view api_key) {
  ErrorBody body = read_body(r.body);
  std::string message = "Deepgram answered HTTP " + std::to_string(r.status);
  if (!body.code.empty()) message += " " + body.code;
  if (!body.message.empty()) message += ": " + body.message;
  if (!body.request_id.empty())
    message += " [request_id " + body.request_id + "]";
  aihost_status status = status_for(r.status, body.code);
  return sdk::Error(status, redact_secret(message, api_key), r.status,
                    status == AIHOST_RATE_LIMITED ? retry_after_ms(r) : -1,
                    redact_secret(body.code, api_key));
}

}  // namespace aihost::deepgram
