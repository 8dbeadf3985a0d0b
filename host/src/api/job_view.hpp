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
// Accepts RFC 3339 ("2026-11-01T00:00:00Z", fractional seconds and
// offsets allowed) or a date ("2026-11-01", midnight UTC); throws ApiError
// 400 invalid_request naming `field`.
int64_t parse_time(const std::string& text, const std::string& field);

}  // namespace aihost::api
