// A job as the tenant API shows it.
#pragma once

#include "storage/job_repository.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace aihost::api {

// {"id","object":"job","type","status","progress","current_step",
//  "attempts","created_at","started_at","completed_at","result"|"error"}
// Times are RFC 3339 UTC strings; status is lower case.
nlohmann::json job_view(const storage::Job& job);

// RFC 3339 UTC with milliseconds, "2026-11-24T06:01:02.345Z".
std::string rfc3339(int64_t epoch_ms);
// "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ" as epoch ms; a date
// that does not exist (2026-02-30) is refused. Throws ApiError 400
// invalid_request naming `field`.
int64_t parse_time(const std::string& text, const std::string& field);
// "2026-11-01T00:00:00Z": whole seconds, as report windows are given.
std::string utc_seconds(int64_t epoch_ms);

}  // namespace aihost::api
