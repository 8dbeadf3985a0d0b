#include "governance/feature_rules.hpp"

#include "governance/usd_text.hpp"

#include <cctype>

namespace aihost::governance {

bool* feature_toggle(storage::TenantFeatures& f, std::string_view name) {
  if (name == "transcription") return &f.transcription_enabled;
  if (name == "pii") return &f.pii_redaction_enabled;
  if (name == "summary") return &f.summary_enabled;
  if (name == "sentiment") return &f.sentiment_enabled;
  if (name == "coaching") return &f.coaching_enabled;
  return nullptr;
}

bool valid_pii_entity(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isupper(u) || std::isdigit(u) || c == '_')) return false;
  }
  return true;
}

nlohmann::json features_json(const storage::TenantFeatures& f, bool stored) {
  nlohmann::json j = {{"tenant_id", f.tenant_id},
                      {"stored", stored},
                      {"transcription", f.transcription_enabled},
                      {"pii", f.pii_redaction_enabled},
                      {"summary", f.summary_enabled},
                      {"sentiment", f.sentiment_enabled},
                      {"coaching", f.coaching_enabled},
                      {"pii_entities", f.pii_entity_types},
                      {"pii_threshold", f.pii_confidence_threshold},
                      {"max_audio_seconds", f.max_audio_duration_seconds},
                      {"max_concurrent_jobs", f.max_concurrent_jobs},
                      {"monthly_budget_usd", nullptr},
                      {"cost_alerts", f.cost_alerts_enabled},
                      {"cost_alert_thresholds", f.cost_alert_thresholds}};
  if (f.monthly_budget_micros)
    j["monthly_budget_usd"] = usd_decimal(*f.monthly_budget_micros);
  return j;
}

}  // namespace aihost::governance
