#include "jobs/job_claimer.hpp"

#include "storage/sql_dialect.hpp"
#include "storage/transaction.hpp"

namespace aihost::jobs {

std::optional<storage::Job> claim_next_job(storage::Database& db,
                                           const ClaimRequest& request) {
  storage::Connection c = db.connect();
  storage::JobRepository jobs(c);
  // Tenants found full under their lock; a handful at most per call, each
  // costing one rolled-back transaction.
  std::vector<std::string> full;
  for (int round = 0; round < 8; ++round) {
    storage::Transaction tx(c);
    const int64_t now = storage::now_ms();
    auto pick = jobs.pick_claimable(request.job_types, full,
                                    request.default_tenant_limit, now);
    if (!pick) return std::nullopt;
    // The pick's count may be stale on PostgreSQL: a concurrent claimer of
    // the same tenant may have committed since. Under the tenant's lock the
    // count is exact.
    jobs.lock_tenant_claims(pick->tenant_id);
    if (jobs.count_processing(pick->tenant_id, now) >=
        jobs.tenant_job_limit(pick->tenant_id, request.default_tenant_limit)) {
      full.push_back(pick->tenant_id);
      continue;  // the transaction rolls back, releasing the row lock
    }
    auto job =
        jobs.claim_picked(pick->id, request.worker, request.lease_ms, now);
    tx.commit();
    if (job) return job;
  }
  return std::nullopt;
}

}  // namespace aihost::jobs
