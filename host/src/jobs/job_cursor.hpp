// The opaque cursor of a job list page: where the previous page ended. A
// client hands it back unchanged; anything else is refused as
// invalid_cursor rather than silently restarting the list.
#pragma once

#include <string>

#include "storage/job_repository.hpp"

namespace aihost::jobs {

std::string encode_cursor(const storage::JobListPosition& position);
// Throws JobError invalid_cursor.
storage::JobListPosition decode_cursor(const std::string& cursor);

}  // namespace aihost::jobs
