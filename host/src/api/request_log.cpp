#include "api/request_log.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

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

double round3(double v) { return std::round(v * 1000) / 1000; }

void emit(const nlohmann::json& line) {
  // One write per line, so lines from concurrent requests never interleave.
  const std::string text = line.dump() + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

void log_request(const Exchange& ex, int status) {
  nlohmann::json line = {{"ts", utc_now()},
                         {"level", status >= 500 ? "error" : "info"},
                         {"event", "request"},
                         {"request_id", ex.request_id},
                         {"method", ex.request.getMethod().substr(0, 16)},
                         {"route", ex.route.empty() ? "unmatched" : ex.route},
                         {"status", status},
                         {"duration_ms", round3(ex.elapsed_ms())},
                         {"provider_ms", round3(ex.provider_ms())}};
  if (!ex.tenant_id.empty()) line["tenant_id"] = ex.tenant_id;
  emit(line);
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
