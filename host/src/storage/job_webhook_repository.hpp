// Webhook delivery state of ai_jobs rows. A finished job with a webhook URL
// gets webhook_state PENDING in the transaction that finishes it; senders on
// any process claim due deliveries, and each claim is a lease: SENDING until
// webhook_next_at, after which another sender may take the delivery up.
//
//   NULL -> PENDING -> SENDING -> DELIVERED
//                 ^------'  '--> FAILED (attempts used up)
#pragma once

#include <optional>
#include <string>

#include "storage/job_repository.hpp"
#include "storage/repository_base.hpp"

namespace aihost::storage {

class JobWebhookRepository : RepositoryBase {
 public:
  explicit JobWebhookRepository(Connection& c) : RepositoryBase(c) {}

  // Makes the delivery of a finished job with a URL due now; false when the
  // job has no URL, is not finished or was scheduled before.
  bool schedule(const std::string& tenant_id, const std::string& id,
                int64_t now);
  // The same for every finished job not yet scheduled (jobs that ended
  // outside a worker, e.g. by fail_exhausted); returns how many.
  int schedule_finished(int64_t now);

  // Takes the oldest due delivery with attempts left: SENDING, attempts + 1,
  // leased until now + lease_ms.
  std::optional<Job> claim(int max_attempts, int64_t lease_ms, int64_t now);
  // Records how attempt `attempt` ended: delivered; or retry at
  // `retry_at`; or, without one, FAILED. Fenced by the attempt number, so a
  // sender whose lease passed to another cannot overwrite its outcome.
  bool record(const std::string& tenant_id, const std::string& id, int attempt,
              bool delivered, std::optional<int> http_status,
              std::optional<int64_t> retry_at, int64_t now);
  // SENDING deliveries whose lease expired on the last attempt end FAILED.
  int fail_exhausted(int max_attempts, int64_t now);
};

}  // namespace aihost::storage
