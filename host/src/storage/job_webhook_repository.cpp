#include "storage/job_webhook_repository.hpp"

#include "storage/job_rows.hpp"

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kFinished =
    " status IN ('COMPLETED', 'FAILED', 'CANCELLED') ";

}  // namespace

bool JobWebhookRepository::schedule(const std::string& tenant_id,
                                    const std::string& id, int64_t now_ms) {
  return guarded("scheduling webhook", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("UPDATE ai_jobs SET webhook_state = 'PENDING', "
                        "webhook_next_at = ? WHERE tenant_id = ? AND id = ? "
                        "AND webhook_url IS NOT NULL AND webhook_state IS "
                        "NULL AND") +
            kFinished),
        bind(now_ms), bind(tenant_id), bind(id);
    return st.execute() > 0;
  });
}

int JobWebhookRepository::schedule_finished(int64_t now_ms) {
  return guarded("scheduling webhooks", [&] {
    Poco::Data::Statement st(session());
    st << q(std::string("UPDATE ai_jobs SET webhook_state = 'PENDING', "
                        "webhook_next_at = ? WHERE webhook_url IS NOT NULL "
                        "AND webhook_state IS NULL AND") +
            kFinished),
        bind(now_ms);
    return static_cast<int>(st.execute());
  });
}

std::optional<Job> JobWebhookRepository::claim(int max_attempts,
                                               int64_t lease_ms,
                                               int64_t now_ms) {
  const std::string pick =
      "SELECT id FROM ai_jobs WHERE webhook_state IN ('PENDING', 'SENDING') "
      "AND webhook_next_at <= ? AND webhook_attempts < ? ORDER BY "
      "webhook_next_at, id LIMIT 1" +
      std::string(engine() == Engine::kPostgres ? " FOR UPDATE SKIP LOCKED"
                                                : "");
  return guarded("claiming webhook", [&]() -> std::optional<Job> {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE ai_jobs SET webhook_state = 'SENDING', webhook_attempts "
        "= webhook_attempts + 1, webhook_next_at = ? WHERE id = (" +
        pick + ") RETURNING" + kJobColumns),
        bind(now_ms + lease_ms), bind(now_ms), bind(max_attempts), now;
    auto rows = read_jobs(Poco::Data::RecordSet(st));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

bool JobWebhookRepository::record(const std::string& tenant_id,
                                  const std::string& id, int attempt,
                                  bool delivered,
                                  std::optional<int> http_status,
                                  std::optional<int64_t> retry_at,
                                  int64_t /*now*/) {
  std::string state =
      delivered ? "DELIVERED" : (retry_at ? "PENDING" : "FAILED");
  Poco::Nullable<int> status = nullable(http_status);
  Poco::Nullable<int64_t> next =
      delivered ? Poco::Nullable<int64_t>() : nullable(retry_at);
  return guarded("recording webhook delivery", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE ai_jobs SET webhook_state = ?, webhook_status = ?, "
        "webhook_next_at = ? WHERE tenant_id = ? AND id = ? AND "
        "webhook_state = 'SENDING' AND webhook_attempts = ?"),
        bind(state), bind(status), bind(next), bind(tenant_id), bind(id),
        bind(attempt);
    return st.execute() > 0;
  });
}

int JobWebhookRepository::fail_exhausted(int max_attempts, int64_t now_ms) {
  return guarded("failing exhausted webhooks", [&] {
    Poco::Data::Statement st(session());
    st << q(
        "UPDATE ai_jobs SET webhook_state = 'FAILED', webhook_next_at = "
        "NULL WHERE webhook_state = 'SENDING' AND webhook_next_at < ? AND "
        "webhook_attempts >= ?"),
        bind(now_ms), bind(max_attempts);
    return static_cast<int>(st.execute());
  });
}

}  // namespace aihost::storage
