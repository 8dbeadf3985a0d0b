#include "settings/setting_specs.hpp"

#include <algorithm>

namespace aihost::settings {

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> specs = {
      {"AI_ENV_FILE", "", "a file path",
       "Env file read at start-up; variables set in the environment win."},
      {"AI_DATABASE_URL", "sqlite:var/aihost.db",
       "sqlite:<path> or postgresql://user[:password]@host[:port]/db",
       "Where tenants, configs, jobs and usage are stored."},
      {"AI_ENCRYPTION_KEYS", "",
       "comma-separated <key_id>:<base64 of 32 bytes>, first is current",
       "Master keys for provider API keys at rest (AES-256-GCM). Required to "
       "store or use tenant provider keys.",
       true},
      {"AI_API_KEY_PEPPER", "", "a string of at least 16 characters",
       "Server-side secret mixed into tenant API key hashes. Changing it "
       "invalidates every issued tenant key.",
       true},
      {"AI_ADMIN_TOKEN", "", "a string of at least 24 characters",
       "Bearer token of the admin API; the admin API is off when unset.", true},
      {"AI_WEBHOOK_SECRET", "", "a string of at least 16 characters",
       "Master key each tenant's webhook signing secret is derived from "
       "(GET /v1/webhook-secret shows a tenant its own); webhooks are "
       "refused when unset.",
       true},
      {"AI_LISTEN", "127.0.0.1:8080", "<host>:<port>",
       "Address the HTTP API listens on."},
      {"AI_REGISTRY", "config/providers.yaml", "a file path",
       "The provider registry."},
      {"AI_PRICES", "config/prices.yaml", "a file path", "The price table."},
      {"AI_TASKS", "config/tasks", "a folder path",
       "The LLM tasks (summary, sentiment, coaching): one YAML file each."},
      {"AI_DEFAULT_LLM_PROVIDER", "openai", "a provider id ([a-z0-9._-])",
       "Provider for LLM tasks when a tenant configures none."},
      {"AI_DEFAULT_LLM_MODEL", "gpt-4o-mini", "a model id",
       "Model for LLM tasks when a tenant configures none."},
      {"AI_DEFAULT_TRANSCRIPTION_PROVIDER", "deepgram",
       "a provider id ([a-z0-9._-])",
       "Provider for transcription when a tenant configures none."},
      {"AI_DEFAULT_TRANSCRIPTION_MODEL", "nova-3", "a model id",
       "Model for transcription when a tenant configures none."},
      {"AI_DEFAULT_PII_PROVIDER", "local-pii", "a provider id ([a-z0-9._-])",
       "Provider for PII redaction when a tenant configures none."},
      {"AI_DEFAULT_PII_MODEL", "", "a model id",
       "Model for PII redaction; empty uses the registry's default."},
      {"AI_OPENAI_API_KEY", "", "the provider's API key",
       "Service-level OpenAI key, used when a tenant has none.", true},
      {"AI_DEEPGRAM_API_KEY", "", "the provider's API key",
       "Service-level Deepgram key, used when a tenant has none.", true},
      {"AI_ACCENT_API_KEY", "", "the provider's API key",
       "Service-level Accent key, used when a tenant has none.", true},
      {"AI_COST_TRACKING", "true", "true/false, 1/0, yes/no, on/off",
       "Record usage and cost of every provider call."},
      {"AI_ALLOW_UNPRICED", "false", "true/false, 1/0, yes/no, on/off",
       "Allow calls to models missing from the price table (recorded as "
       "unpriced)."},
      {"AI_COST_ALERT_THRESHOLDS", "50,80,100",
       "comma-separated percentages 1-1000, ascending",
       "Budget percentages at which a cost alert fires, once per month."},
      {"AI_FEATURE_TRANSCRIPTION", "true", "true/false, 1/0, yes/no, on/off",
       "Global switch for transcription."},
      {"AI_FEATURE_PII", "true", "true/false, 1/0, yes/no, on/off",
       "Global switch for PII redaction."},
      {"AI_FEATURE_SUMMARY", "true", "true/false, 1/0, yes/no, on/off",
       "Global switch for summaries."},
      {"AI_FEATURE_SENTIMENT", "true", "true/false, 1/0, yes/no, on/off",
       "Global switch for sentiment analysis."},
      {"AI_FEATURE_COACHING", "true", "true/false, 1/0, yes/no, on/off",
       "Global switch for coaching."},
      {"AI_MAX_AUDIO_SECONDS", "14400", "an integer 1-86400",
       "Longest audio accepted, in seconds."},
      {"AI_MAX_UPLOAD_BYTES", "209715200", "an integer 1024-17179869184",
       "Largest request body accepted, in bytes."},
      {"AI_MAX_CONCURRENT_JOBS", "4", "an integer 1-10000",
       "Jobs one tenant may have running at once, unless its features say "
       "otherwise."},
      {"AI_WORKERS", "2", "an integer 0-256",
       "Worker threads per process (0: this process runs no jobs)."},
      {"AI_JOB_MAX_ATTEMPTS", "3", "an integer 1-20",
       "Attempts of a job before it is marked FAILED."},
      {"AI_JOB_LEASE_SECONDS", "300", "an integer 5-86400",
       "How long a worker holds a job before another may take it up."},
      {"AI_REQUEST_TIMEOUT_MS", "60000", "an integer 100-3600000",
       "Deadline of one provider call, in milliseconds."},
      {"AI_LOG_LEVEL", "information",
       "one of trace, debug, information, notice, warning, error, critical, "
       "fatal, none",
       "Least severe log level written."},
  };
  return specs;
}

const SettingSpec* find_spec(std::string_view name) {
  for (const auto& s : setting_specs())
    if (name == s.name) return &s;
  return nullptr;
}

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string closest_setting_name(std::string_view name) {
  std::string best;
  size_t best_distance = 4;  // farther than this is no suggestion
  for (const auto& s : setting_specs()) {
    size_t d = edit_distance(name, s.name);
    if (d < best_distance) {
      best_distance = d;
      best = s.name;
    }
  }
  return best;
}

}  // namespace aihost::settings
