// tenant_ai_features: what a tenant may use and within which limits. A
// tenant without a row gets TenantFeatures' defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct TenantFeatures {
  std::string tenant_id;
  bool transcription_enabled = true;
  bool pii_redaction_enabled = false;
  bool summary_enabled = true;
  bool sentiment_enabled = true;
  bool coaching_enabled = false;
  std::vector<std::string> pii_entity_types;
  double pii_confidence_threshold = 0.5;
  int max_audio_duration_seconds = 3600;
  int max_concurrent_jobs = 4;
  // Micro-dollars (1e-6 USD); none means no budget limit.
  std::optional<int64_t> monthly_budget_micros;
  bool cost_alerts_enabled = true;
  std::vector<int> cost_alert_thresholds = {50, 80, 100};
  int64_t updated_at_ms = 0;
};

class TenantFeatureRepository : RepositoryBase {
 public:
  explicit TenantFeatureRepository(Connection& c) : RepositoryBase(c) {}

  std::optional<TenantFeatures> find(const std::string& tenant_id);
  // Inserts or replaces the tenant's row. Throws "storage.invalid" for
  // values outside their ranges.
  void upsert(const TenantFeatures& features, int64_t now);
  bool remove(const std::string& tenant_id);
};

}  // namespace aihost::storage
