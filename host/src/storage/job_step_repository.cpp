#include "storage/job_step_repository.hpp"

namespace aihost::storage {
namespace {
using namespace Poco::Data::Keywords;
}  // namespace

void JobStepRepository::insert(const std::string& tenant_id,
                               const std::string& job_id,
                               const std::string& step,
                               const std::string& output_json, int64_t now_ms) {
  if (step.empty())
    throw StorageError("storage.invalid", "a checkpoint needs a step name");
  std::string output = output_json.empty() ? "null" : output_json;
  guarded("recording job step", [&] {
    session() << q(
        "INSERT INTO ai_job_steps (job_id, tenant_id, step, output, "
        "created_at) VALUES (?, ?, ?, ?json, ?)"),
        bind(job_id), bind(tenant_id), bind(step), bind(output), bind(now_ms),
        now;
  });
}

std::vector<JobStep> JobStepRepository::list(const std::string& tenant_id,
                                             const std::string& job_id) {
  return guarded("reading job steps", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "SELECT step, CAST(output AS TEXT) AS output_json, created_at FROM "
        "ai_job_steps WHERE tenant_id = ? AND job_id = ? ORDER BY "
        "created_at, step"),
        bind(tenant_id), bind(job_id), now;
    Poco::Data::RecordSet rs(st);
    std::vector<JobStep> out;
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
      RowReader r(rs, i);
      out.push_back(
          {r.text("step"), r.text("output_json"), r.i64("created_at")});
    }
    return out;
  });
}

void JobStepRepository::remove_all(const std::string& tenant_id,
                                   const std::string& job_id) {
  guarded("removing job steps", [&] {
    session() << q(
        "DELETE FROM ai_job_steps WHERE tenant_id = ? AND "
        "job_id = ?"),
        bind(tenant_id), bind(job_id), now;
  });
}

}  // namespace aihost::storage
