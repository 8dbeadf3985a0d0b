// A refusal by the job service, with the API's stable code and status:
//   400 invalid_request        a bad argument (limit, timeout, empty upload)
//   400 unsupported_job_type   no handler is registered for the type
//   400 invalid_webhook_url    not an absolute http(s) URL without
//                              credentials
//   400 invalid_cursor         a cursor this service did not hand out
//   404 job_not_found          no such job for this tenant (another
//                              tenant's job is not found either)
//   409 job_already_finished   cancelling a job that has ended
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::jobs {

struct JobError : std::runtime_error {
  JobError(std::string code, int http_status, const std::string& message)
      : std::runtime_error(message),
        code(std::move(code)),
        http_status(http_status) {}
  std::string code;
  int http_status;
};

}  // namespace aihost::jobs
