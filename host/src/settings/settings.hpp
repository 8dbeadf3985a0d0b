// The service's settings, read once at start-up from AI_* environment
// variables and an optional env file (the environment wins over the file,
// the file over the defaults). See setting_specs.cpp for every variable.
#pragma once

#include "security/master_keys.hpp"
#include "security/secret.hpp"
#include "settings/value_parsers.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aihost::settings {

struct DefaultProviders {
  std::string llm_provider, llm_model;
  std::string transcription_provider, transcription_model;
  std::string pii_provider, pii_model;
};

struct GlobalFeatures {
  bool transcription = true;
  bool pii = true;
  bool summary = true;
  bool sentiment = true;
  bool coaching = true;
};

struct Limits {
  int64_t max_audio_seconds = 0;
  int64_t max_upload_bytes = 0;
  int max_concurrent_jobs = 0;
  int workers = 0;
  int job_max_attempts = 0;
  int job_lease_seconds = 0;
  int request_timeout_ms = 0;
};

struct Settings {
  std::string env_file;  // the file read, or "" when none
  DatabaseUrl database;
  // Shared: the ring holds secret bytes and is handed to the key cipher.
  std::shared_ptr<const security::KeyRing> encryption_keys;  // may be null
  security::Secret api_key_pepper;
  security::Secret admin_token;  // empty: admin API off
  security::Secret webhook_secret;  // empty: webhooks refused
  ListenAddress listen;
  std::string registry_path;
  std::string prices_path;
  std::string tasks_path;
  DefaultProviders defaults;
  std::map<std::string, security::Secret> service_keys;  // provider id -> key
  bool cost_tracking = true;
  bool allow_unpriced = false;
  std::vector<int> cost_alert_thresholds;
  GlobalFeatures features;
  Limits limits;
  std::string log_level;

  // The master keys, or a SettingsError naming AI_ENCRYPTION_KEYS with how
  // to generate one, for commands that store or read provider keys.
  const security::KeyRing& require_encryption_keys() const;
  // The service-level key of a provider, or nullptr.
  const security::Secret* service_key(const std::string& provider) const;
  // Every variable with its effective value, secrets shown only as
  // "(set)"/"(not set)" and passwords in URLs as "***": safe to log.
  std::vector<std::pair<std::string, std::string>> redacted_dump() const;
};

using Environment = std::map<std::string, std::string>;

struct LoadResult {
  Settings settings;
  std::vector<std::string> warnings;  // unknown AI_* names, ignored lines
};

// `env_file_arg` is --env-file when given; it wins over AI_ENV_FILE.
// Throws SettingsError listing every problem found.
LoadResult load_settings(const Environment& env,
                         const std::optional<std::string>& env_file_arg = {});

// The process environment's AI_* variables.
Environment process_environment();

}  // namespace aihost::settings
