#include "storage/job_completion.hpp"

#include "storage/job_repository.hpp"
#include "storage/transaction.hpp"

namespace aihost::storage {

bool complete_job_with_usage(Database& db, const std::string& tenant_id,
                             const std::string& job_id,
                             const std::string& worker,
                             const std::string& result_json,
                             const std::vector<UsageLog>& usage, int64_t now) {
  for (const UsageLog& u : usage)
    if (u.tenant_id != tenant_id || u.job_id.value_or(job_id) != job_id)
      throw StorageError("storage.invalid",
                         "usage rows must belong to the completed job");
  Connection c = db.connect();
  Transaction tx(c);
  if (!JobRepository(c).complete(tenant_id, job_id, worker, result_json, now))
    return false;
  UsageLogRepository logs(c);
  for (UsageLog u : usage) {
    u.job_id = job_id;
    logs.insert(u);
  }
  tx.commit();
  return true;
}

}  // namespace aihost::storage
