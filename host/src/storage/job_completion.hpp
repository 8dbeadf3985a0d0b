// Finishing an async job: its result and the usage rows of the provider
// calls it made commit together, or not at all. If the worker has lost its
// lease (the job was reclaimed or cancelled), nothing is written, so a
// reclaimed job's usage is never recorded twice.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/usage_log_repository.hpp"

namespace aihost::storage {

// True when the job completed; false when the lease was no longer held.
bool complete_job_with_usage(Database& db, const std::string& tenant_id,
                             const std::string& job_id,
                             const std::string& worker,
                             const std::string& result_json,
                             const std::vector<UsageLog>& usage, int64_t now);

}  // namespace aihost::storage
