#include "api/job_view.hpp"

#include "api/api_error.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

#include <cctype>

namespace aihost::api {

std::string rfc3339(int64_t epoch_ms) {
  Poco::Timestamp ts(static_cast<Poco::Timestamp::TimeVal>(epoch_ms) * 1000);
  return Poco::DateTimeFormatter::format(ts, "%Y-%m-%dT%H:%M:%S.%iZ");
}

int64_t parse_time(const std::string& text, const std::string& field) {
  std::string value = text;
  if (value.size() == 10) value += "T00:00:00Z";
  Poco::DateTime parsed;
  int tz = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT,
                                      value, parsed, tz) &&
      !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT,
                                      value, parsed, tz))
    throw ApiError(
        400, "invalid_request",
        "'" + field + "' must be an RFC 3339 time or a YYYY-MM-DD date");
  parsed.makeUTC(tz);
  return parsed.timestamp().epochMicroseconds() / 1000;
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
