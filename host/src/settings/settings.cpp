#include "settings/settings.hpp"

#include "security/security_error.hpp"
#include "settings/env_file.hpp"
#include "settings/setting_specs.hpp"
#include "settings/settings_error.hpp"

extern char** environ;

namespace aihost::settings {
namespace {

bool is_ai_name(const std::string& name) { return name.rfind("AI_", 0) == 0; }

// Collects effective values and every problem with them.
class Reader {
 public:
  Reader(const Environment& env, const EnvFileEntries& file,
         const std::string& file_path)
      : env_(env), file_(file), file_path_(file_path) {}

  // Empty means unset: the default applies.
  std::string raw(const char* name) const {
    auto e = env_.find(name);
    if (e != env_.end() && !e->second.empty()) return e->second;
    auto f = file_.find(name);
    if (f != file_.end() && !f->second.value.empty()) return f->second.value;
    return spec(name).default_value;
  }

  // Every variable read here is listed in setting_specs.cpp.
  static const SettingSpec& spec(const char* name) {
    const SettingSpec* s = find_spec(name);
    if (!s) throw std::logic_error(std::string(name) + " has no spec");
    return *s;
  }

  void refuse(const char* name, const std::string& why = "") {
    const SettingSpec& info = spec(name);
    std::string source;
    auto f = file_.find(name);
    if (env_.count(name) == 0 && f != file_.end())
      source =
          " (from " + file_path_ + ":" + std::to_string(f->second.line) + ")";
    // Secrets and URLs (which may carry a password) are not echoed.
    bool echo = !info.secret && std::string_view(name) != "AI_DATABASE_URL";
    std::string value = echo ? " '" + raw(name) + "'" : std::string();
    problems_.push_back({name, std::string(name) + source + ": invalid value" +
                                   value + (why.empty() ? "" : ": " + why) +
                                   "; expected " + info.form});
  }

  bool boolean(const char* name) {
    auto v = parse_bool(raw(name));
    if (!v) {
      refuse(name);
      return false;
    }
    return *v;
  }

  int64_t integer(const char* name, int64_t min, int64_t max) {
    auto v = parse_int(raw(name), min, max);
    if (!v) {
      refuse(name);
      return min;
    }
    return *v;
  }

  std::string provider(const char* name) {
    std::string v = raw(name);
    if (!valid_provider_id(v)) refuse(name);
    return v;
  }

  std::string model(const char* name) {
    std::string v = raw(name);
    if (!valid_model_id(v)) refuse(name);
    return v;
  }

  std::string path(const char* name) {
    std::string v = raw(name);
    if (v.empty() || v.find('\0') != std::string::npos) refuse(name);
    return v;
  }

  security::Secret secret(const char* name, size_t min_length) {
    security::Secret v(raw(name));
    if (!v.empty() && v.size() < min_length)
      refuse(name, "too short (" + std::to_string(v.size()) + " characters)");
    return v;
  }

  std::vector<SettingProblem>& problems() { return problems_; }

 private:
  const Environment& env_;
  const EnvFileEntries& file_;
  const std::string& file_path_;
  std::vector<SettingProblem> problems_;
};

}  // namespace

const security::KeyRing& Settings::require_encryption_keys() const {
  if (!encryption_keys)
    throw SettingsError(
        "AI_ENCRYPTION_KEYS",
        "AI_ENCRYPTION_KEYS is not set; it is required to store or use "
        "provider keys. Generate one with: "
        "echo \"AI_ENCRYPTION_KEYS=k1:$(openssl rand -base64 32)\"");
  return *encryption_keys;
}

const security::Secret* Settings::service_key(
    const std::string& provider) const {
  auto it = service_keys.find(provider);
  return it == service_keys.end() || it->second.empty() ? nullptr : &it->second;
}

LoadResult load_settings(const Environment& env,
                         const std::optional<std::string>& env_file_arg) {
  LoadResult out;
  EnvFileEntries file;
  std::string file_path;
  if (env_file_arg && !env_file_arg->empty()) {
    file_path = *env_file_arg;
  } else if (auto it = env.find("AI_ENV_FILE");
             it != env.end() && !it->second.empty()) {
    file_path = it->second;
  }
  if (!file_path.empty()) file = read_env_file(file_path);

  // Typo guard: a misspelt variable would silently leave a default in force.
  auto warn_unknown = [&](const std::string& name, const std::string& where) {
    if (!is_ai_name(name) || find_spec(name)) return;
    std::string hint = closest_setting_name(name);
    out.warnings.push_back(
        name + where + " is not a known setting" +
        (hint.empty() ? "." : "; did you mean " + hint + "?") +
        " It is ignored.");
  };
  for (const auto& [name, value] : env) warn_unknown(name, "");
  for (const auto& [name, entry] : file) {
    std::string where =
        " (" + file_path + ":" + std::to_string(entry.line) + ")";
    if (!is_ai_name(name))
      out.warnings.push_back(name + where +
                             " is not an AI_ variable; it is ignored.");
    else
      warn_unknown(name, where);
  }

  Reader r(env, file, file_path);
  Settings& s = out.settings;
  s.env_file = file_path;

  if (auto db = parse_database_url(r.raw("AI_DATABASE_URL")))
    s.database = *db;
  else
    r.refuse("AI_DATABASE_URL");

  if (std::string keys = r.raw("AI_ENCRYPTION_KEYS"); !keys.empty()) {
    try {
      s.encryption_keys = std::make_shared<const security::KeyRing>(
          security::KeyRing::parse(keys));
    } catch (const security::SecurityError& e) {
      // The ring's message already names the variable and the form.
      r.problems().push_back({"AI_ENCRYPTION_KEYS", e.what()});
    }
    security::wipe(keys);
  }
  s.api_key_pepper = r.secret("AI_API_KEY_PEPPER", 16);
  s.admin_token = r.secret("AI_ADMIN_TOKEN", 24);
  s.webhook_secret = r.secret("AI_WEBHOOK_SECRET", 16);

  if (auto l = parse_listen(r.raw("AI_LISTEN")))
    s.listen = *l;
  else
    r.refuse("AI_LISTEN");
  s.registry_path = r.path("AI_REGISTRY");
  s.prices_path = r.path("AI_PRICES");
  s.tasks_path = r.path("AI_TASKS");

  s.defaults.llm_provider = r.provider("AI_DEFAULT_LLM_PROVIDER");
  s.defaults.llm_model = r.model("AI_DEFAULT_LLM_MODEL");
  s.defaults.transcription_provider =
      r.provider("AI_DEFAULT_TRANSCRIPTION_PROVIDER");
  s.defaults.transcription_model = r.model("AI_DEFAULT_TRANSCRIPTION_MODEL");
  s.defaults.pii_provider = r.provider("AI_DEFAULT_PII_PROVIDER");
  s.defaults.pii_model = r.model("AI_DEFAULT_PII_MODEL");

  s.service_keys["openai"] = r.secret("AI_OPENAI_API_KEY", 1);
  s.service_keys["deepgram"] = r.secret("AI_DEEPGRAM_API_KEY", 1);
  s.service_keys["accent"] = r.secret("AI_ACCENT_API_KEY", 1);

  s.cost_tracking = r.boolean("AI_COST_TRACKING");
  s.allow_unpriced = r.boolean("AI_ALLOW_UNPRICED");
  if (auto t = parse_thresholds(r.raw("AI_COST_ALERT_THRESHOLDS")))
    s.cost_alert_thresholds = *t;
  else
    r.refuse("AI_COST_ALERT_THRESHOLDS");

  s.features.transcription = r.boolean("AI_FEATURE_TRANSCRIPTION");
  s.features.pii = r.boolean("AI_FEATURE_PII");
  s.features.summary = r.boolean("AI_FEATURE_SUMMARY");
  s.features.sentiment = r.boolean("AI_FEATURE_SENTIMENT");
  s.features.coaching = r.boolean("AI_FEATURE_COACHING");

  s.limits.max_audio_seconds = r.integer("AI_MAX_AUDIO_SECONDS", 1, 86400);
  s.limits.max_upload_bytes =
      r.integer("AI_MAX_UPLOAD_BYTES", 1024, int64_t{16} << 30);
  s.limits.max_concurrent_jobs =
      static_cast<int>(r.integer("AI_MAX_CONCURRENT_JOBS", 1, 10000));
  s.limits.workers = static_cast<int>(r.integer("AI_WORKERS", 0, 256));
  s.limits.job_max_attempts =
      static_cast<int>(r.integer("AI_JOB_MAX_ATTEMPTS", 1, 20));
  s.limits.job_lease_seconds =
      static_cast<int>(r.integer("AI_JOB_LEASE_SECONDS", 5, 86400));
  s.limits.request_timeout_ms =
      static_cast<int>(r.integer("AI_REQUEST_TIMEOUT_MS", 100, 3600000));

  s.log_level = r.raw("AI_LOG_LEVEL");
  if (!valid_log_level(s.log_level)) r.refuse("AI_LOG_LEVEL");

  if (!r.problems().empty()) throw SettingsError(std::move(r.problems()));
  return out;
}

std::vector<std::pair<std::string, std::string>> Settings::redacted_dump()
    const {
  auto set = [](bool b) { return std::string(b ? "(set)" : "(not set)"); };
  auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
  std::string thresholds;
  for (int t : cost_alert_thresholds) {
    if (!thresholds.empty()) thresholds += ',';
    thresholds += std::to_string(t);
  }
  std::string keys = "(not set)";
  if (encryption_keys) {
    // Key ids are not secret and tell an operator which key is current.
    keys = "(set: ";
    for (const auto& id : encryption_keys->ids()) {
      if (keys.back() != ' ') keys += ',';
      keys += id;
    }
    keys += ')';
  }
  auto key_of = [&](const char* p) { return set(service_key(p) != nullptr); };
  return {
      {"AI_ENV_FILE", env_file},
      {"AI_DATABASE_URL", database.redacted()},
      {"AI_ENCRYPTION_KEYS", keys},
      {"AI_API_KEY_PEPPER", set(!api_key_pepper.empty())},
      {"AI_ADMIN_TOKEN", set(!admin_token.empty())},
      {"AI_WEBHOOK_SECRET", set(!webhook_secret.empty())},
      {"AI_LISTEN", listen.to_string()},
      {"AI_REGISTRY", registry_path},
      {"AI_PRICES", prices_path},
      {"AI_TASKS", tasks_path},
      {"AI_DEFAULT_LLM_PROVIDER", defaults.llm_provider},
      {"AI_DEFAULT_LLM_MODEL", defaults.llm_model},
      {"AI_DEFAULT_TRANSCRIPTION_PROVIDER", defaults.transcription_provider},
      {"AI_DEFAULT_TRANSCRIPTION_MODEL", defaults.transcription_model},
      {"AI_DEFAULT_PII_PROVIDER", defaults.pii_provider},
      {"AI_DEFAULT_PII_MODEL", defaults.pii_model},
      {"AI_OPENAI_API_KEY", key_of("openai")},
      {"AI_DEEPGRAM_API_KEY", key_of("deepgram")},
      {"AI_ACCENT_API_KEY", key_of("accent")},
      {"AI_COST_TRACKING", flag(cost_tracking)},
      {"AI_ALLOW_UNPRICED", flag(allow_unpriced)},
      {"AI_COST_ALERT_THRESHOLDS", thresholds},
      {"AI_FEATURE_TRANSCRIPTION", flag(features.transcription)},
      {"AI_FEATURE_PII", flag(features.pii)},
      {"AI_FEATURE_SUMMARY", flag(features.summary)},
      {"AI_FEATURE_SENTIMENT", flag(features.sentiment)},
      {"AI_FEATURE_COACHING", flag(features.coaching)},
      {"AI_MAX_AUDIO_SECONDS", std::to_string(limits.max_audio_seconds)},
      {"AI_MAX_UPLOAD_BYTES", std::to_string(limits.max_upload_bytes)},
      {"AI_MAX_CONCURRENT_JOBS", std::to_string(limits.max_concurrent_jobs)},
      {"AI_WORKERS", std::to_string(limits.workers)},
      {"AI_JOB_MAX_ATTEMPTS", std::to_string(limits.job_max_attempts)},
      {"AI_JOB_LEASE_SECONDS", std::to_string(limits.job_lease_seconds)},
      {"AI_REQUEST_TIMEOUT_MS", std::to_string(limits.request_timeout_ms)},
      {"AI_LOG_LEVEL", log_level},
  };
}

Environment process_environment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq != std::string::npos && entry.rfind("AI_", 0) == 0)
      env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

}  // namespace aihost::settings
