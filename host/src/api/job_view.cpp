#include "api/job_view.hpp"

#include "api/api_error.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <cctype>
#include <cstdio>
#include <ctime>

namespace aihost::api {

std::string rfc3339(int64_t epoch_ms) {
  Poco::Timestamp ts(static_cast<Poco::Timestamp::TimeVal>(epoch_ms) * 1000);
  return Poco::DateTimeFormatter::format(ts, "%Y-%m-%dT%H:%M:%S.%iZ");
}

int64_t parse_time(const std::string& text, const std::string& field) {
  auto fail = [&]() -> int64_t {
    throw ApiError(
        400, "invalid_request",
        "'" + field + "' must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, used = 0;
  if (text.size() == 10) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 ||
        used != 10)
      return fail();
  } else if (text.size() == 20) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h,
                    &mi, &sec, &used) != 6 ||
        used != 20)
      return fail();
  } else {
    return fail();
  }
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
      mi > 59 || sec > 59)
    return fail();
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  const std::time_t t = timegm(&tm);
  // timegm turns 2026-02-30 into March: a date that moved did not exist.
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != d || back.tm_mon != mo - 1) return fail();
  return static_cast<int64_t>(t) * 1000;
}

std::string utc_seconds(int64_t epoch_ms) {
  const std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

nlohmann::json job_view(const storage::Job& job) {
  std::string status = storage::job_status_name(job.status);
  for (auto& c : status) c = static_cast<char>(std::tolower(c));
  nlohmann::json view = {{"id", job.id},
                         {"object", "job"},
                         {"type", job.job_type},
                         {"status", status},
                         {"progress", job.progress},
                         {"current_step", job.current_step},
                         {"attempts", job.attempts},
                         {"created_at", rfc3339(job.created_at_ms)},
                         {"started_at", nullptr},
                         {"completed_at", nullptr}};
  if (job.started_at_ms) view["started_at"] = rfc3339(*job.started_at_ms);
  if (job.completed_at_ms) view["completed_at"] = rfc3339(*job.completed_at_ms);
  if (job.result_json) {
    try {
      view["result"] = nlohmann::json::parse(*job.result_json);
    } catch (const nlohmann::json::exception&) {
      view["result"] = nullptr;
    }
  }
  if (!job.request_id.empty()) view["request_id"] = job.request_id;
  if (job.webhook_url)
    view["webhook"] = {
        {"url", *job.webhook_url},
        {"state", job.webhook_state ? nlohmann::json(*job.webhook_state)
                                    : nlohmann::json(nullptr)},
        {"attempts", job.webhook_attempts},
        {"last_status", job.webhook_status ? nlohmann::json(*job.webhook_status)
                                           : nlohmann::json(nullptr)}};
  if (job.error_code)
    view["error"] = {{"code", *job.error_code},
                     {"message", job.error_message.value_or("")}};
  return view;
}

}  // namespace aihost::api
