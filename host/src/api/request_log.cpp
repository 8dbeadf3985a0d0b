#include "api/request_log.hpp"

#include "api/log_writer.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace aihost::api {
namespace {

std::string utc_now() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto secs = system_clock::to_time_t(now);
  const auto ms =
      duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return text;
}

// A JSON string of `text`: quotes, backslashes and control characters
// escaped; bytes outside ASCII become '?' (only the method can hold them,
// and a log line must stay valid UTF-8).
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c < 0x80 ? static_cast<char>(c) : '?';
    }
  }
  out += '"';
}

// Failures are urgent: written at once, after the lines before them.
void emit(const nlohmann::json& line) {
  api_log().add(line.dump() + "\n", /*urgent=*/true);
}

}  // namespace

void log_request(const Exchange& ex, int status) {
  // Written by hand rather than through a json object: this line is on every
  // request's path, and building then dumping a map cost more than the
  // rest of the logging. The values are ours (ids, route templates, numbers)
  // except the method, which is escaped.
  std::string line;
  line.reserve(256);
  line += "{\"ts\":\"";
  line += utc_now();
  line += status >= 500 ? "\",\"level\":\"error\"" : "\",\"level\":\"info\"";
  line += ",\"event\":\"request\",\"request_id\":";
  append_json_string(line, ex.request_id);
  line += ",\"method\":";
  append_json_string(line,
                     std::string_view(ex.request.getMethod()).substr(0, 16));
  line += ",\"route\":";
  append_json_string(line, ex.route.empty() ? "unmatched" : ex.route);
  char numbers[96];
  std::snprintf(numbers, sizeof numbers,
                ",\"status\":%d,\"duration_ms\":%.3f,\"provider_ms\":%.3f",
                status, ex.elapsed_ms(), ex.provider_ms());
  line += numbers;
  if (!ex.tenant_id.empty()) {
    line += ",\"tenant_id\":";
    append_json_string(line, ex.tenant_id);
  }
  line += "}\n";
  api_log().add(line, /*urgent=*/status >= 500);
}

void log_failure(const Exchange& ex, const std::string& detail) {
  emit({{"ts", utc_now()},
        {"level", "error"},
        {"event", "handler_failed"},
        {"request_id", ex.request_id},
        {"route", ex.route},
        {"detail", detail}});
}

}  // namespace aihost::api
