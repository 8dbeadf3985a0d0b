// Timestamps as the API and webhooks show them: RFC 3339 UTC with
// milliseconds ("2026-03-01T09:30:00.250Z").
#pragma once

#include <cstdint>
#include <string>

namespace aihost::jobs {

std::string rfc3339_utc(int64_t unix_ms);

}  // namespace aihost::jobs
