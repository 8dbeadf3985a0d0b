// Version 1: the product's tables. Written once for both engines with
// placeholders that render_migration() fills in:
//   {{ID}}    BIGSERIAL PRIMARY KEY | INTEGER PRIMARY KEY AUTOINCREMENT
//   {{JSON}}  JSONB | TEXT
//   {{BOOL}}  BOOLEAN | INTEGER,  {{TRUE}}/{{FALSE}} its literals
//   {{REAL}}  DOUBLE PRECISION | REAL
// Timestamps are BIGINT milliseconds since the epoch (UTC) on both engines.
// Money that budgets compare is BIGINT micro-dollars, so the reservation
// arithmetic is exact; usage cost is a double USD, NULL when unpriced.
#include "storage/schema_versions.hpp"

namespace aihost::storage {

Migration schema_v1() {
  return {1,
          "initial schema",
          {
              R"(CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  active {{BOOL}} NOT NULL DEFAULT {{TRUE}},
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL))",

              // Only the hash of a tenant key is stored; the prefix lets an
              // operator recognise a key without it being usable.
              R"(CREATE TABLE tenant_api_keys (
  id {{ID}},
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  key_prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  revoked_at BIGINT))",
              "CREATE INDEX tenant_api_keys_tenant ON tenant_api_keys "
              "(tenant_id)",

              // api_key_ciphertext is opaque here (the security layer's
              // AES-GCM envelope with its key id).
              R"(CREATE TABLE tenant_ai_configs (
  id {{ID}},
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  provider_type TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  api_key_ciphertext TEXT,
  config {{JSON}} NOT NULL,
  is_active {{BOOL}} NOT NULL DEFAULT {{TRUE}},
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL))",
              "CREATE INDEX tenant_ai_configs_tenant ON tenant_ai_configs "
              "(tenant_id, provider_type)",
              // At most one active configuration per tenant and capability.
              "CREATE UNIQUE INDEX tenant_ai_configs_one_active ON "
              "tenant_ai_configs (tenant_id, provider_type) WHERE is_active "
              "= {{TRUE}}",

              R"(CREATE TABLE tenant_ai_features (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  transcription_enabled {{BOOL}} NOT NULL DEFAULT {{TRUE}},
  pii_redaction_enabled {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  summary_enabled {{BOOL}} NOT NULL DEFAULT {{TRUE}},
  sentiment_enabled {{BOOL}} NOT NULL DEFAULT {{TRUE}},
  coaching_enabled {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  pii_entity_types {{JSON}} NOT NULL,
  pii_confidence_threshold {{REAL}} NOT NULL DEFAULT 0.5,
  max_audio_duration_seconds INTEGER NOT NULL DEFAULT 3600,
  max_concurrent_jobs INTEGER NOT NULL DEFAULT 4,
  monthly_budget_micros BIGINT,
  cost_alerts_enabled {{BOOL}} NOT NULL DEFAULT {{TRUE}},
  cost_alert_thresholds {{JSON}} NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (pii_confidence_threshold >= 0 AND pii_confidence_threshold <= 1),
  CHECK (max_audio_duration_seconds > 0),
  CHECK (max_concurrent_jobs > 0),
  CHECK (monthly_budget_micros IS NULL OR monthly_budget_micros >= 0)))",

              R"(CREATE TABLE ai_jobs (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  job_type TEXT NOT NULL,
  status TEXT NOT NULL,
  input {{JSON}} NOT NULL,
  result {{JSON}},
  error_code TEXT,
  error_message TEXT,
  progress INTEGER NOT NULL DEFAULT 0,
  current_step TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  lease_owner TEXT,
  lease_expires_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  started_at BIGINT,
  completed_at BIGINT,
  CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED',
                    'CANCELLED')),
  CHECK (progress >= 0 AND progress <= 100)))",
              "CREATE INDEX ai_jobs_tenant ON ai_jobs (tenant_id, created_at)",
              // What a claimer scans: waiting jobs oldest first, and
              // expired leases.
              "CREATE INDEX ai_jobs_claim ON ai_jobs (status, created_at)",
              "CREATE INDEX ai_jobs_lease ON ai_jobs (status, "
              "lease_expires_at)",

              // cost_usd NULL means the model had no price: reported as
              // unpriced, never billed as 0.
              R"(CREATE TABLE ai_usage_logs (
  id {{ID}},
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  job_id TEXT,
  request_id TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  operation TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1,
  input_tokens BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  cached_tokens BIGINT NOT NULL DEFAULT 0,
  audio_seconds {{REAL}} NOT NULL DEFAULT 0,
  characters BIGINT NOT NULL DEFAULT 0,
  cost_usd {{REAL}},
  cost_method TEXT NOT NULL,
  duration_ms BIGINT NOT NULL DEFAULT 0,
  success {{BOOL}} NOT NULL,
  error_code TEXT,
  error_message TEXT,
  metadata {{JSON}} NOT NULL,
  created_at BIGINT NOT NULL))",
              "CREATE INDEX ai_usage_logs_tenant ON ai_usage_logs "
              "(tenant_id, created_at)",
              "CREATE INDEX ai_usage_logs_job ON ai_usage_logs (job_id)",

              // One row per tenant and month: what is reserved by calls in
              // flight and what was spent. Admission is one conditional
              // UPDATE of this row.
              R"(CREATE TABLE budget_periods (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  reserved_micros BIGINT NOT NULL DEFAULT 0,
  spent_micros BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, period),
  CHECK (reserved_micros >= 0 AND spent_micros >= 0)))",

              // Every reservation and how it ended, so the period row can
              // be audited: spent = sum(actual of SETTLED), reserved =
              // sum(estimated of RESERVED).
              R"(CREATE TABLE budget_ledger (
  id {{ID}},
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  estimated_micros BIGINT NOT NULL,
  actual_micros BIGINT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  closed_at BIGINT,
  CHECK (status IN ('RESERVED', 'SETTLED', 'RELEASED')),
  CHECK (estimated_micros >= 0)))",
              "CREATE INDEX budget_ledger_tenant ON budget_ledger (tenant_id, "
              "period)",
              "CREATE INDEX budget_ledger_open ON budget_ledger (status, "
              "expires_at)",

              // The unique key is what makes an alert fire once per
              // threshold per tenant per month, across processes.
              R"(CREATE TABLE cost_alerts (
  id {{ID}},
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  threshold_percent INTEGER NOT NULL,
  spent_micros BIGINT NOT NULL,
  budget_micros BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (tenant_id, period, threshold_percent)))",
          }};
}

}  // namespace aihost::storage
