// Version 2: what durable jobs need beyond the queue row. Placeholders as in
// schema_v1.cpp, plus {{BLOB}} (BYTEA | BLOB).
//
// A job's uploaded bytes live in the database, not on a local disk, so a
// worker on another machine can run the job. Step checkpoints make a job
// resumable by the next worker after a crash. Webhook delivery is tracked on
// the job row: webhook_next_at is both the retry time and, while a delivery
// is being sent, the sender's lease, so a crashed sender's delivery is taken
// up again.
#include "storage/schema_versions.hpp"

namespace aihost::storage {

Migration schema_v2() {
  return {2,
          "job inputs, checkpoints, webhooks",
          {
              R"(CREATE TABLE ai_job_inputs (
  job_id TEXT PRIMARY KEY REFERENCES ai_jobs(id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  media_type TEXT NOT NULL,
  byte_size BIGINT NOT NULL,
  data {{BLOB}} NOT NULL,
  created_at BIGINT NOT NULL))",

              R"(CREATE TABLE ai_job_steps (
  job_id TEXT NOT NULL REFERENCES ai_jobs(id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  output {{JSON}} NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (job_id, step)))",

              "ALTER TABLE ai_jobs ADD COLUMN request_id TEXT NOT NULL "
              "DEFAULT ''",
              "ALTER TABLE ai_jobs ADD COLUMN webhook_url TEXT",
              // NULL (no delivery due), 'PENDING', 'SENDING', 'DELIVERED',
              // 'FAILED'.
              "ALTER TABLE ai_jobs ADD COLUMN webhook_state TEXT",
              "ALTER TABLE ai_jobs ADD COLUMN webhook_attempts INTEGER NOT "
              "NULL DEFAULT 0",
              "ALTER TABLE ai_jobs ADD COLUMN webhook_next_at BIGINT",
              "ALTER TABLE ai_jobs ADD COLUMN webhook_status INTEGER",

              // The list filters, each under the tenant, in list order.
              "CREATE INDEX ai_jobs_tenant_status ON ai_jobs (tenant_id, "
              "status, created_at)",
              "CREATE INDEX ai_jobs_tenant_type ON ai_jobs (tenant_id, "
              "job_type, created_at)",
              // What the per-tenant concurrency check counts.
              "CREATE INDEX ai_jobs_tenant_processing ON ai_jobs (tenant_id, "
              "lease_expires_at) WHERE status = 'PROCESSING'",
              // What the sweep that schedules webhooks of jobs ended
              // without a worker scans: only open jobs with a webhook.
              "CREATE INDEX ai_jobs_webhook_unscheduled ON ai_jobs (status) "
              "WHERE webhook_url IS NOT NULL AND webhook_state IS NULL",
              // What a webhook sender scans.
              "CREATE INDEX ai_jobs_webhook_due ON ai_jobs (webhook_next_at) "
              "WHERE webhook_state IN ('PENDING', 'SENDING')",
          }};
}

}  // namespace aihost::storage
