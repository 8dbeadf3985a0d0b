#include "net/retry_rules.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

#include <strings.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

namespace aihost::net {
namespace {

std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.c_str();
  char* end = nullptr;
  double v = std::strtod(begin, &end);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  if (end == begin || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int64_t> to_ms(double ms) {
  // Larger than any sane delay; keeps the cast defined.
  if (ms > 1e12) return int64_t{1000000000000};
  if (ms < -1e12) return int64_t{-1000000000000};
  return static_cast<int64_t>(std::ceil(ms));
}

}  // namespace

bool retryable_response(int status, const std::vector<Header>& headers) {
  if (auto forced = find_header(headers, "x-should-retry")) {
    if (strcasecmp(forced->c_str(), "true") == 0) return true;
    if (strcasecmp(forced->c_str(), "false") == 0) return false;
  }
  return status == 408 || status == 409 || status == 429 || status >= 500;
}

std::optional<int64_t> server_retry_delay_ms(
    const std::vector<Header>& headers,
    std::chrono::system_clock::time_point now) {
  if (auto ms = find_header(headers, "retry-after-ms"))
    if (auto v = parse_number(*ms)) return to_ms(*v);
  auto after = find_header(headers, "retry-after");
  if (!after) return std::nullopt;
  if (auto v = parse_number(*after)) return to_ms(*v * 1000.0);
  // Poco's parser is lenient (it takes "later" for a date), so only a date
  // that formats back to the same text counts: the IMF-fixdate servers send.
  Poco::DateTime when;
  int tz = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, *after,
                                      when, tz))
    return std::nullopt;
  when.makeUTC(tz);
  if (strcasecmp(Poco::DateTimeFormatter::format(
                     when, Poco::DateTimeFormat::HTTP_FORMAT)
                     .c_str(),
                 after->c_str()) != 0)
    return std::nullopt;
  auto at =
      std::chrono::system_clock::from_time_t(when.timestamp().epochTime());
  return std::chrono::duration_cast<std::chrono::milliseconds>(at - now)
      .count();
}

int64_t backoff_ms(const UpstreamPolicy& policy, int retries_done,
                   double jitter) {
  double base = static_cast<double>(std::max(policy.backoff_initial_ms, 0)) *
                std::pow(2.0, std::clamp(retries_done, 0, 30));
  double capped = std::min(base, static_cast<double>(policy.backoff_max_ms));
  return static_cast<int64_t>(capped * std::clamp(jitter, 0.0, 1.0));
}

double random_jitter() {
  thread_local std::mt19937 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.75, 1.0)(gen);
}

std::optional<int64_t> retry_wait_ms(const UpstreamPolicy& policy,
                                     int retries_done,
                                     const std::vector<Header>& headers,
                                     std::chrono::system_clock::time_point now,
                                     double jitter) {
  auto asked = server_retry_delay_ms(headers, now);
  if (asked && *asked > policy.max_retry_after_ms) return std::nullopt;
  if (asked && *asked > 0) return *asked;
  return backoff_ms(policy, retries_done, jitter);
}

}  // namespace aihost::net
