// How an ai_jobs row is selected and read, shared by the repositories that
// return jobs (JobRepository, JobWebhookRepository).
#pragma once

#include <Poco/Data/RecordSet.h>

#include <vector>

#include "storage/job_repository.hpp"

namespace aihost::storage {

// " id, tenant_id, ... " with spaces around it, for SELECT and RETURNING.
extern const char* const kJobColumns;

std::vector<Job> read_jobs(const Poco::Data::RecordSet& rs);

}  // namespace aihost::storage
