// ai_usage_logs: one row per provider call attempt, successful or not, with
// the raw quantities (so cost can be recomputed under another price table)
// and the cost the pricing layer computed. A NULL cost is an unpriced call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/repository_base.hpp"

namespace aihost::storage {

struct UsageLog {
  int64_t id = 0;
  std::string tenant_id;
  std::optional<std::string> job_id;
  std::string request_id;
  std::string provider;
  std::string model;
  std::string operation;  // "audio.transcribe", "chat.complete", ...
  int attempt = 1;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t cached_tokens = 0;
  double audio_seconds = 0;
  int64_t characters = 0;
  std::optional<double> cost_usd;  // none: unpriced
  std::string cost_method;         // "price_table", "tenant_override", ...
  int64_t duration_ms = 0;
  bool success = true;
  std::optional<std::string> error_code;
  std::optional<std::string> error_message;
  std::string metadata_json = "{}";
  int64_t created_at_ms = 0;
};

// Month-to-date spend grouped the way operators read it.
struct UsageSummary {
  std::string provider;
  std::string model;
  std::string operation;
  int64_t calls = 0;
  int64_t failed_calls = 0;
  int64_t unpriced_calls = 0;
  double cost_usd = 0;
};

class UsageLogRepository : RepositoryBase {
 public:
  explicit UsageLogRepository(Connection& c) : RepositoryBase(c) {}

  int64_t insert(const UsageLog& log);
  // Every row, in order, a few statements for the lot (one per
  // kRowsPerStatement rows): the usage writer's batches, where a statement
  // per row cost more CPU than the requests being recorded. All rows are
  // checked before any is written.
  void insert_many(const std::vector<UsageLog>& logs);
  static constexpr size_t kRowsPerStatement = 32;
  // [from, to) by created_at, oldest first.
  std::vector<UsageLog> list(const std::string& tenant_id, int64_t from_ms,
                             int64_t to_ms);
  std::vector<UsageLog> list_for_job(const std::string& tenant_id,
                                     const std::string& job_id);
  std::vector<UsageSummary> summarize(const std::string& tenant_id,
                                      int64_t from_ms, int64_t to_ms);
};

}  // namespace aihost::storage
