// Takes the next job a worker may run: of a type it has a handler for, from
// a tenant below its max_concurrent_jobs. A tenant at its limit is passed
// over (not waited on), so one tenant's backlog never stalls the others.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/job_repository.hpp"

namespace aihost::jobs {

struct ClaimRequest {
  std::string worker;
  std::vector<std::string> job_types;
  int64_t lease_ms = 30000;
  int default_tenant_limit = 4;  // tenants without a features row
};

// Throws StorageError when the database fails.
std::optional<storage::Job> claim_next_job(storage::Database& db,
                                           const ClaimRequest& request);

}  // namespace aihost::jobs
