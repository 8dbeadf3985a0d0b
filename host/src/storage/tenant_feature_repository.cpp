#include "storage/tenant_feature_repository.hpp"

#include <nlohmann/json.hpp>

namespace aihost::storage {
namespace {

using namespace Poco::Data::Keywords;

void validate(const TenantFeatures& f) {
  auto invalid = [](const std::string& what) {
    throw StorageError("storage.invalid", "tenant features: " + what);
  };
  if (f.tenant_id.empty()) invalid("tenant id is empty");
  if (!(f.pii_confidence_threshold >= 0 && f.pii_confidence_threshold <= 1))
    invalid("pii_confidence_threshold must be within 0..1");
  if (f.max_audio_duration_seconds <= 0)
    invalid("max_audio_duration_seconds must be positive");
  if (f.max_concurrent_jobs <= 0)
    invalid("max_concurrent_jobs must be positive");
  if (f.monthly_budget_micros && *f.monthly_budget_micros < 0)
    invalid("monthly budget must not be negative");
  for (int t : f.cost_alert_thresholds)
    if (t <= 0 || t > 1000)
      invalid("cost alert thresholds are percentages within 1..1000");
}

}  // namespace

std::optional<TenantFeatures> TenantFeatureRepository::find(
    const std::string& tenant_id) {
  return guarded(
      "reading tenant features", [&]() -> std::optional<TenantFeatures> {
        Poco::Data::Statement st(session());
        st << q(
            "SELECT tenant_id, transcription_enabled, pii_redaction_enabled, "
            "summary_enabled, sentiment_enabled, coaching_enabled, "
            "CAST(pii_entity_types AS TEXT) AS pii_entity_types, "
            "pii_confidence_threshold, max_audio_duration_seconds, "
            "max_concurrent_jobs, monthly_budget_micros, cost_alerts_enabled, "
            "CAST(cost_alert_thresholds AS TEXT) AS cost_alert_thresholds, "
            "updated_at FROM tenant_ai_features WHERE tenant_id = ?"),
            bind(tenant_id), now;
        Poco::Data::RecordSet rs(st);
        if (rs.rowCount() == 0) return std::nullopt;
        RowReader r(rs, 0);
        TenantFeatures f;
        f.tenant_id = r.text("tenant_id");
        f.transcription_enabled = r.boolean("transcription_enabled");
        f.pii_redaction_enabled = r.boolean("pii_redaction_enabled");
        f.summary_enabled = r.boolean("summary_enabled");
        f.sentiment_enabled = r.boolean("sentiment_enabled");
        f.coaching_enabled = r.boolean("coaching_enabled");
        f.pii_entity_types = nlohmann::json::parse(r.text("pii_entity_types"))
                                 .get<std::vector<std::string>>();
        f.pii_confidence_threshold = r.real("pii_confidence_threshold");
        f.max_audio_duration_seconds =
            static_cast<int>(r.i64("max_audio_duration_seconds"));
        f.max_concurrent_jobs = static_cast<int>(r.i64("max_concurrent_jobs"));
        f.monthly_budget_micros = r.opt_i64("monthly_budget_micros");
        f.cost_alerts_enabled = r.boolean("cost_alerts_enabled");
        f.cost_alert_thresholds =
            nlohmann::json::parse(r.text("cost_alert_thresholds"))
                .get<std::vector<int>>();
        f.updated_at_ms = r.i64("updated_at");
        return f;
      });
}

void TenantFeatureRepository::upsert(const TenantFeatures& f, int64_t now_ms) {
  validate(f);
  std::string entities = nlohmann::json(f.pii_entity_types).dump();
  std::string thresholds = nlohmann::json(f.cost_alert_thresholds).dump();
  Poco::Nullable<int64_t> budget = nullable(f.monthly_budget_micros);
  guarded("storing tenant features", [&] {
    session() << q(
        "INSERT INTO tenant_ai_features (tenant_id, transcription_enabled, "
        "pii_redaction_enabled, summary_enabled, sentiment_enabled, "
        "coaching_enabled, pii_entity_types, pii_confidence_threshold, "
        "max_audio_duration_seconds, max_concurrent_jobs, "
        "monthly_budget_micros, cost_alerts_enabled, cost_alert_thresholds, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?json, ?, ?, ?, ?, ?, ?json, ?) "
        "ON CONFLICT (tenant_id) DO UPDATE SET "
        "transcription_enabled = excluded.transcription_enabled, "
        "pii_redaction_enabled = excluded.pii_redaction_enabled, "
        "summary_enabled = excluded.summary_enabled, "
        "sentiment_enabled = excluded.sentiment_enabled, "
        "coaching_enabled = excluded.coaching_enabled, "
        "pii_entity_types = excluded.pii_entity_types, "
        "pii_confidence_threshold = excluded.pii_confidence_threshold, "
        "max_audio_duration_seconds = excluded.max_audio_duration_seconds, "
        "max_concurrent_jobs = excluded.max_concurrent_jobs, "
        "monthly_budget_micros = excluded.monthly_budget_micros, "
        "cost_alerts_enabled = excluded.cost_alerts_enabled, "
        "cost_alert_thresholds = excluded.cost_alert_thresholds, "
        "updated_at = excluded.updated_at"),
        bind(f.tenant_id), bind(f.transcription_enabled),
        bind(f.pii_redaction_enabled), bind(f.summary_enabled),
        bind(f.sentiment_enabled), bind(f.coaching_enabled), bind(entities),
        bind(f.pii_confidence_threshold), bind(f.max_audio_duration_seconds),
        bind(f.max_concurrent_jobs), use(budget), bind(f.cost_alerts_enabled),
        bind(thresholds), bind(now_ms), now;
  });
}

bool TenantFeatureRepository::remove(const std::string& tenant_id) {
  return guarded("removing tenant features", [&] {
    Poco::Data::Statement st(session());
    st << q("DELETE FROM tenant_ai_features WHERE tenant_id = ?"),
        bind(tenant_id);
    return st.execute() > 0;
  });
}

}  // namespace aihost::storage
