// Loading the service's settings: defaults, precedence, refusals, the typo
// guard, and secrets kept out of every printable form.
#include "settings/settings.hpp"
#include "security/base64.hpp"
#include "settings/env_file.hpp"
#include "settings/setting_specs.hpp"
#include "settings/settings_error.hpp"
#include "temp_file.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>

using namespace aihost::settings;
using aihost::testing::TempFile;

namespace {

std::string keys_value() {
  return "k2:" + aihost::security::base64_encode(std::string(32, 'b')) +
         ",k1:" + aihost::security::base64_encode(std::string(32, 'a'));
}

std::string refusal(const Environment& env,
                    const std::optional<std::string>& file = {}) {
  try {
    load_settings(env, file);
  } catch (const SettingsError& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("defaults apply when nothing is set", "[settings]") {
  auto r = load_settings({});
  const Settings& s = r.settings;
  CHECK(r.warnings.empty());
  CHECK(s.env_file.empty());
  CHECK(s.database.engine == DatabaseUrl::Engine::kSqlite);
  CHECK(s.database.sqlite_path == "var/aihost.db");
  CHECK(s.encryption_keys == nullptr);
  CHECK(s.admin_token.empty());
  CHECK(s.listen.to_string() == "127.0.0.1:8080");
  CHECK(s.registry_path == "config/providers.yaml");
  CHECK(s.prices_path == "config/prices.yaml");
  CHECK(s.defaults.llm_provider == "openai");
  CHECK(s.defaults.llm_model == "gpt-4o-mini");
  CHECK(s.defaults.transcription_provider == "deepgram");
  CHECK(s.defaults.transcription_model == "nova-3");
  CHECK(s.defaults.pii_provider == "local-pii");
  CHECK(s.defaults.pii_model.empty());
  CHECK(s.service_key("openai") == nullptr);
  CHECK(s.cost_tracking);
  CHECK_FALSE(s.allow_unpriced);
  CHECK(s.cost_alert_thresholds == std::vector<int>{50, 80, 100});
  CHECK(s.features.transcription);
  CHECK(s.features.pii);
  CHECK(s.features.summary);
  CHECK(s.features.sentiment);
  CHECK(s.features.coaching);
  CHECK(s.limits.max_audio_seconds == 14400);
  CHECK(s.limits.max_upload_bytes == 209715200);
  CHECK(s.limits.max_concurrent_jobs == 4);
  CHECK(s.limits.workers == 2);
  CHECK(s.limits.job_max_attempts == 3);
  CHECK(s.limits.job_lease_seconds == 300);
  CHECK(s.limits.request_timeout_ms == 60000);
  CHECK(s.log_level == "information");
}

TEST_CASE("every variable is read", "[settings]") {
  Environment env = {
      {"AI_DATABASE_URL", "postgresql://u:pw-123456@10.0.0.5:5432/ai"},
      {"AI_ENCRYPTION_KEYS", keys_value()},
      {"AI_API_KEY_PEPPER", "pepper-0123456789abcdef"},
      {"AI_ADMIN_TOKEN", "admin-token-0123456789abcdef"},
      {"AI_LISTEN", "0.0.0.0:9090"},
      {"AI_REGISTRY", "/etc/aihost/providers.yaml"},
      {"AI_PRICES", "/etc/aihost/prices.yaml"},
      {"AI_DEFAULT_LLM_PROVIDER", "accent"},
      {"AI_DEFAULT_LLM_MODEL", "gpt-4.1-mini"},
      {"AI_DEFAULT_TRANSCRIPTION_PROVIDER", "openai"},
      {"AI_DEFAULT_TRANSCRIPTION_MODEL", "whisper-1"},
      {"AI_DEFAULT_PII_PROVIDER", "presidio"},
      {"AI_DEFAULT_PII_MODEL", "en-core"},
      {"AI_OPENAI_API_KEY", "sk-svc-openai-000111222333"},
      {"AI_DEEPGRAM_API_KEY", "dg0123456789abcdef"},
      {"AI_ACCENT_API_KEY", "acc-key-9876543210"},
      {"AI_COST_TRACKING", "no"},
      {"AI_ALLOW_UNPRICED", "yes"},
      {"AI_COST_ALERT_THRESHOLDS", "25,75,100,150"},
      {"AI_FEATURE_TRANSCRIPTION", "0"},
      {"AI_FEATURE_PII", "off"},
      {"AI_FEATURE_SUMMARY", "false"},
      {"AI_FEATURE_SENTIMENT", "FALSE"},
      {"AI_FEATURE_COACHING", "no"},
      {"AI_MAX_AUDIO_SECONDS", "600"},
      {"AI_MAX_UPLOAD_BYTES", "1048576"},
      {"AI_MAX_CONCURRENT_JOBS", "16"},
      {"AI_WORKERS", "0"},
      {"AI_JOB_MAX_ATTEMPTS", "5"},
      {"AI_JOB_LEASE_SECONDS", "60"},
      {"AI_REQUEST_TIMEOUT_MS", "1500"},
      {"AI_LOG_LEVEL", "debug"},
  };
  const Settings s = load_settings(env).settings;
  CHECK(s.database.engine == DatabaseUrl::Engine::kPostgres);
  CHECK(s.database.url == "postgresql://u:pw-123456@10.0.0.5:5432/ai");
  REQUIRE(s.encryption_keys);
  CHECK(s.require_encryption_keys().current().id == "k2");
  CHECK(s.encryption_keys->ids() == std::vector<std::string>{"k2", "k1"});
  CHECK(s.api_key_pepper.reveal() == "pepper-0123456789abcdef");
  CHECK(s.admin_token.reveal() == "admin-token-0123456789abcdef");
  CHECK(s.listen.to_string() == "0.0.0.0:9090");
  CHECK(s.registry_path == "/etc/aihost/providers.yaml");
  CHECK(s.prices_path == "/etc/aihost/prices.yaml");
  CHECK(s.defaults.llm_provider == "accent");
  CHECK(s.defaults.llm_model == "gpt-4.1-mini");
  CHECK(s.defaults.transcription_provider == "openai");
  CHECK(s.defaults.transcription_model == "whisper-1");
  CHECK(s.defaults.pii_provider == "presidio");
  CHECK(s.defaults.pii_model == "en-core");
  REQUIRE(s.service_key("openai"));
  CHECK(s.service_key("openai")->reveal() == "sk-svc-openai-000111222333");
  CHECK(s.service_key("deepgram")->reveal() == "dg0123456789abcdef");
  CHECK(s.service_key("accent")->reveal() == "acc-key-9876543210");
  CHECK(s.service_key("presidio") == nullptr);
  CHECK_FALSE(s.cost_tracking);
  CHECK(s.allow_unpriced);
  CHECK(s.cost_alert_thresholds == std::vector<int>{25, 75, 100, 150});
  CHECK_FALSE(s.features.transcription);
  CHECK_FALSE(s.features.pii);
  CHECK_FALSE(s.features.summary);
  CHECK_FALSE(s.features.sentiment);
  CHECK_FALSE(s.features.coaching);
  CHECK(s.limits.max_audio_seconds == 600);
  CHECK(s.limits.max_upload_bytes == 1048576);
  CHECK(s.limits.max_concurrent_jobs == 16);
  CHECK(s.limits.workers == 0);
  CHECK(s.limits.job_max_attempts == 5);
  CHECK(s.limits.job_lease_seconds == 60);
  CHECK(s.limits.request_timeout_ms == 1500);
  CHECK(s.log_level == "debug");

  SECTION("the redacted dump shows no secret") {
    auto dump = s.redacted_dump();
    std::string all;
    for (const auto& [k, v] : dump) all += k + "=" + v + "\n";
    for (const auto& [name, value] : env) {
      const SettingSpec* spec = find_spec(name);
      REQUIRE(spec);
      if (spec->secret) {
        INFO(name);
        CHECK(all.find(value) == std::string::npos);
      }
    }
    CHECK(all.find("pw-123456") == std::string::npos);
    CHECK_THAT(all, Catch::Contains(
                        "AI_DATABASE_URL=postgresql://u:***@10.0.0.5:5432/ai"));
    CHECK_THAT(all, Catch::Contains("AI_ENCRYPTION_KEYS=(set: k2,k1)"));
    CHECK_THAT(all, Catch::Contains("AI_OPENAI_API_KEY=(set)"));
    CHECK_THAT(all, Catch::Contains("AI_WORKERS=0"));
  }
}

TEST_CASE("the dump and the docs cover every variable", "[settings][docs]") {
  std::set<std::string> specs, dumped;
  for (const auto& s : setting_specs()) specs.insert(s.name);
  for (const auto& [k, v] : load_settings({}).settings.redacted_dump())
    dumped.insert(k);
  CHECK(dumped == specs);

  // config/aihost.example.env documents each variable with its default:
  // "NAME=<default>" or, for what is unset by default, "# NAME=".
  auto example = read_env_file(AIHOST_SOURCE_DIR "/config/aihost.example.env");
  std::string text;
  {
    std::ifstream in(AIHOST_SOURCE_DIR "/config/aihost.example.env");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (const auto& s : setting_specs()) {
    INFO(s.name);
    std::string dflt = s.default_value;
    if (dflt.empty()) {
      CHECK(text.find(std::string("# ") + s.name + "=\n") != std::string::npos);
      CHECK(example.count(s.name) == 0);
    } else {
      REQUIRE(example.count(s.name));
      CHECK(example.at(s.name).value == dflt);
    }
  }
  // Loading the example as it stands works and warns about nothing.
  auto r = load_settings(
      {}, std::string(AIHOST_SOURCE_DIR "/config/aihost.example.env"));
  CHECK(r.warnings.empty());
}

TEST_CASE("environment over env file over defaults", "[settings][envfile]") {
  TempFile file(
      "AI_WORKERS=7\n"
      "AI_LOG_LEVEL=warning\n"
      "AI_LISTEN=127.0.0.1:7000\n");
  SECTION("--env-file") {
    auto s =
        load_settings({{"AI_WORKERS", "3"}, {"AI_LISTEN", ""}}, file.path())
            .settings;
    CHECK(s.limits.workers == 3);                 // environment
    CHECK(s.log_level == "warning");              // file
    CHECK(s.listen.port == 7000);                 // empty env value: not set
    CHECK(s.limits.request_timeout_ms == 60000);  // default
    CHECK(s.env_file == file.path());
  }
  SECTION("AI_ENV_FILE") {
    auto s = load_settings({{"AI_ENV_FILE", file.path()}}).settings;
    CHECK(s.limits.workers == 7);
  }
  SECTION("--env-file wins over AI_ENV_FILE") {
    TempFile other("AI_WORKERS=9\n");
    auto s =
        load_settings({{"AI_ENV_FILE", file.path()}}, other.path()).settings;
    CHECK(s.limits.workers == 9);
  }
  SECTION("a missing env file is refused by name") {
    CHECK_THAT(refusal({{"AI_ENV_FILE", file.path() + ".nope"}}),
               Catch::Contains(file.path() + ".nope: cannot be read"));
  }
}

TEST_CASE("each bad value is refused naming the variable and the form",
          "[settings][refuse]") {
  const std::vector<std::tuple<const char*, const char*, const char*>> cases = {
      {"AI_DATABASE_URL", "mysql://h/db", "sqlite:<path> or postgresql://"},
      {"AI_ENCRYPTION_KEYS", "k1:short", "base64"},
      {"AI_API_KEY_PEPPER", "short", "at least 16 characters"},
      {"AI_ADMIN_TOKEN", "admin", "at least 24 characters"},
      {"AI_LISTEN", "localhost", "<host>:<port>"},
      {"AI_DEFAULT_LLM_PROVIDER", "Open AI", "a provider id"},
      {"AI_DEFAULT_LLM_MODEL", "gpt 4o", "a model id"},
      {"AI_DEFAULT_TRANSCRIPTION_PROVIDER", "DG", "a provider id"},
      {"AI_DEFAULT_TRANSCRIPTION_MODEL", "nova 3", "a model id"},
      {"AI_DEFAULT_PII_PROVIDER", "_x", "a provider id"},
      {"AI_DEFAULT_PII_MODEL", "a b", "a model id"},
      {"AI_COST_TRACKING", "maybe", "true/false"},
      {"AI_ALLOW_UNPRICED", "2", "true/false"},
      {"AI_COST_ALERT_THRESHOLDS", "80,50", "ascending"},
      {"AI_FEATURE_TRANSCRIPTION", "enabled", "true/false"},
      {"AI_FEATURE_PII", "t", "true/false"},
      {"AI_FEATURE_SUMMARY", "-1", "true/false"},
      {"AI_FEATURE_SENTIMENT", "nope", "true/false"},
      {"AI_FEATURE_COACHING", "y", "true/false"},
      {"AI_MAX_AUDIO_SECONDS", "0", "an integer 1-86400"},
      {"AI_MAX_UPLOAD_BYTES", "10", "an integer 1024-"},
      {"AI_MAX_CONCURRENT_JOBS", "many", "an integer 1-10000"},
      {"AI_WORKERS", "257", "an integer 0-256"},
      {"AI_JOB_MAX_ATTEMPTS", "0", "an integer 1-20"},
      {"AI_JOB_LEASE_SECONDS", "1", "an integer 5-86400"},
      {"AI_REQUEST_TIMEOUT_MS", "10s", "an integer 100-3600000"},
      {"AI_LOG_LEVEL", "loud", "one of trace"},
  };
  for (const auto& [name, value, form] : cases) {
    INFO(name << "=" << value);
    std::string msg = refusal({{name, value}});
    CHECK_THAT(msg, Catch::StartsWith("invalid settings:"));
    CHECK_THAT(msg, Catch::Contains(std::string(name)));
    CHECK_THAT(msg, Catch::Contains(form));
  }
  // A key-shaped value never appears in its own refusal.
  std::string msg = refusal({{"AI_API_KEY_PEPPER", "pepper-short"}});
  CHECK(msg.find("pepper-short") == std::string::npos);
  std::string db = refusal({{"AI_DATABASE_URL", "postgresql://u:pw-xyz@h"}});
  CHECK_THAT(db, Catch::Contains("AI_DATABASE_URL"));
  CHECK(db.find("pw-xyz") == std::string::npos);
}

TEST_CASE("all problems are reported together, with env file lines",
          "[settings][refuse]") {
  TempFile file("# settings\nAI_WORKERS=lots\n");
  try {
    load_settings({{"AI_LOG_LEVEL", "loud"}, {"AI_COST_TRACKING", "x"}},
                  file.path());
    FAIL("accepted");
  } catch (const SettingsError& e) {
    REQUIRE(e.problems().size() == 3);
    std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("AI_WORKERS (from " + file.path() + ":2)"));
    CHECK_THAT(msg, Catch::Contains("AI_LOG_LEVEL: invalid value 'loud'"));
    CHECK_THAT(msg, Catch::Contains("AI_COST_TRACKING"));
  }
}

TEST_CASE("unknown AI_ variables are warned about", "[settings][typo]") {
  TempFile file("AI_WORKER=3\nPATH_EXTRA=/x\n");
  auto r = load_settings({{"AI_COST_TRAKING", "false"}, {"AI_ZZZZZZZZ", "1"}},
                         file.path());
  REQUIRE(r.warnings.size() == 4);
  std::string all;
  for (const auto& w : r.warnings) all += w + "\n";
  CHECK_THAT(all, Catch::Contains(
                      "AI_COST_TRAKING is not a known setting; did you mean "
                      "AI_COST_TRACKING?"));
  CHECK_THAT(all, Catch::Contains("AI_ZZZZZZZZ is not a known setting. It is "
                                  "ignored."));
  CHECK_THAT(all, Catch::Contains("AI_WORKER (" + file.path() +
                                  ":1) is not a known setting; did you mean "
                                  "AI_WORKERS?"));
  CHECK_THAT(all, Catch::Contains("PATH_EXTRA (" + file.path() +
                                  ":2) is not an AI_ variable"));
  // The typo left the real setting at its default.
  CHECK(r.settings.cost_tracking);
}

TEST_CASE("provider keys need AI_ENCRYPTION_KEYS", "[settings][keys]") {
  auto s = load_settings({}).settings;
  try {
    s.require_encryption_keys();
    FAIL("no error");
  } catch (const SettingsError& e) {
    CHECK_THAT(e.what(), Catch::Contains("AI_ENCRYPTION_KEYS is not set"));
    CHECK_THAT(e.what(), Catch::Contains("openssl rand -base64 32"));
  }
  std::string msg = refusal({{"AI_ENCRYPTION_KEYS", keys_value() + ",k1:x"}});
  CHECK_THAT(msg, Catch::Contains("AI_ENCRYPTION_KEYS: entry 3"));
  CHECK(msg.find(keys_value().substr(3, 20)) == std::string::npos);
}

TEST_CASE("the process environment's AI_ variables are read",
          "[settings][env]") {
  ::setenv("AI_WORKERS", "5", 1);
  ::setenv("AIX_NOT_OURS", "1", 1);
  Environment env = process_environment();
  ::unsetenv("AI_WORKERS");
  ::unsetenv("AIX_NOT_OURS");
  CHECK(env.at("AI_WORKERS") == "5");
  CHECK(env.count("AIX_NOT_OURS") == 0);
  CHECK(env.count("PATH") == 0);
  CHECK(load_settings(env).settings.limits.workers == 5);
}
