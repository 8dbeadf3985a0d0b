// The job API's operations, scoped by tenant: a job of another tenant is
// never found, listed or cancelled.
//
// create() writes the job row and its uploaded bytes in one transaction, so
// a worker on any machine finds both or neither. wait() serves synchronous
// requests (a sync call is a job its caller waits on): woken at once by
// workers of this process, and polling with backoff for the others.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobs/job_events.hpp"
#include "jobs/job_handlers.hpp"
#include "storage/database.hpp"
#include "storage/job_repository.hpp"

namespace aihost::jobs {

struct NewJobRequest {
  std::string tenant_id;
  std::string job_type;
  nlohmann::json input = nlohmann::json::object();
  // Uploaded bytes (audio), with their media type.
  std::optional<std::string> blob;
  std::string media_type;
  std::optional<std::string> webhook_url;
  std::string request_id;
  std::optional<int> max_attempts;  // default: the service's
};

struct JobListRequest {
  storage::JobFilter filter;
  std::optional<std::string> cursor;  // from the previous page
  int limit = 20;                     // 1..100
};

struct JobPage {
  std::vector<storage::Job> jobs;
  std::optional<std::string> next_cursor;  // none on the last page
};

struct JobServiceOptions {
  int default_max_attempts = 3;
  // Refuse larger uploads (AI_MAX_UPLOAD_BYTES); 0: no limit here.
  int64_t max_blob_bytes = 0;
};

bool is_finished(storage::JobStatus status);

class JobService {
 public:
  JobService(storage::Database& db, const JobHandlers& handlers,
             JobServiceOptions options = {},
             std::shared_ptr<JobEvents> events = nullptr);

  // Throws JobError (invalid_request, unsupported_job_type,
  // invalid_webhook_url) or StorageError.
  storage::Job create(const NewJobRequest& request);
  // Throws JobError job_not_found.
  storage::Job get(const std::string& tenant_id, const std::string& id);
  // Throws JobError invalid_request (limit), invalid_cursor.
  JobPage list(const std::string& tenant_id, const JobListRequest& request);
  // PENDING or PROCESSING -> CANCELLED; a running worker notices at its
  // next lease renewal. Throws job_not_found, job_already_finished.
  storage::Job cancel(const std::string& tenant_id, const std::string& id);
  // The job once finished, or as it is when `timeout` passes. Throws
  // job_not_found.
  storage::Job wait(const std::string& tenant_id, const std::string& id,
                    std::chrono::milliseconds timeout);

  JobEvents& events() { return *events_; }

 private:
  storage::Database& db_;
  const JobHandlers& handlers_;
  JobServiceOptions options_;
  std::shared_ptr<JobEvents> events_;
};

}  // namespace aihost::jobs
