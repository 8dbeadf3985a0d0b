// Features and limits, and usage across tenants, through the admin API.
#include "admin_world.hpp"

#include "storage/sql_dialect.hpp"
#include "storage/usage_log_repository.hpp"

#include <catch2/catch.hpp>

using namespace aihost::testing;
using nlohmann::json;

TEST_CASE("features: defaults, partial changes, validation") {
  for (auto engine : test_engines()) {
    CAPTURE(aihost::storage::engine_name(engine));
    AdminWorld w(engine);
    w.tenant("acme");
    const std::string path = "/admin/v1/tenants/acme/features";
    auto defaults = w.call("GET", path);
    REQUIRE(defaults.status == 200);
    CHECK(defaults.body["stored"] == false);
    CHECK(defaults.body["transcription"] == true);
    CHECK(defaults.body["monthly_budget_usd"].is_null());

    auto set = w.call("PUT", path,
                      json{{"pii", true},
                           {"coaching", true},
                           {"pii_entities", {"PERSON", "EMAIL_ADDRESS"}},
                           {"pii_threshold", 0.7},
                           {"max_audio_seconds", 600},
                           {"max_concurrent_jobs", 2},
                           {"monthly_budget_usd", "12.50"},
                           {"cost_alert_thresholds", {90, 50, 90}}});
    REQUIRE(set.status == 200);
    CHECK(set.body["stored"] == true);
    CHECK(set.body["pii"] == true);
    CHECK(set.body["monthly_budget_usd"] == "12.500000");
    CHECK(set.body["cost_alert_thresholds"] == json{50, 90});
    CHECK(w.changed_tenants().back() == "acme");

    // Only the fields named change.
    auto more = w.call("PUT", path,
                       json{{"summary", false}, {"monthly_budget_usd", 3.25}});
    REQUIRE(more.status == 200);
    auto read = w.call("GET", path);
    CHECK(read.body["summary"] == false);
    CHECK(read.body["pii"] == true);
    CHECK(read.body["max_audio_seconds"] == 600);
    CHECK(read.body["pii_entities"] == json{"PERSON", "EMAIL_ADDRESS"});
    CHECK(read.body["monthly_budget_usd"] == "3.250000");
    auto unlimited = w.call("PUT", path, json{{"monthly_budget_usd", nullptr}});
    CHECK(unlimited.body["monthly_budget_usd"].is_null());

    struct Case {
      json body;
      std::string field;
    };
    for (const auto& c : std::vector<Case>{
             {{{"pii", "yes"}}, "pii"},
             {{{"pii_entities", "PERSON"}}, "pii_entities"},
             {{{"pii_entities", {"person"}}}, "pii_entities"},
             {{{"pii_threshold", 1.5}}, "pii_threshold"},
             {{{"pii_threshold", "0.5"}}, "pii_threshold"},
             {{{"max_audio_seconds", 0}}, "max_audio_seconds"},
             {{{"max_audio_seconds", 86401}}, "max_audio_seconds"},
             {{{"max_audio_seconds", 1.5}}, "max_audio_seconds"},
             {{{"max_concurrent_jobs", -1}}, "max_concurrent_jobs"},
             {{{"monthly_budget_usd", "-5"}}, "monthly_budget_usd"},
             {{{"monthly_budget_usd", "1.1234567"}}, "monthly_budget_usd"},
             {{{"monthly_budget_usd", -1}}, "monthly_budget_usd"},
             {{{"cost_alert_thresholds", {0}}}, "cost_alert_thresholds"},
             {{{"video", true}}, "video"},
         }) {
      INFO(c.body.dump());
      auto r = w.call("PUT", path, c.body);
      CHECK(r.status == 400);
      CHECK_THAT(r.body["error"]["message"].get<std::string>(),
                 Catch::StartsWith(c.field + ":"));
    }
    // A refused change changes nothing.
    CHECK(w.call("GET", path).body["max_audio_seconds"] == 600);
    CHECK(w.call("GET", "/admin/v1/tenants/nobody/features").code() ==
          "tenant_not_found");
    CHECK(w.call("PUT", "/admin/v1/tenants/nobody/features", json::object())
              .code() == "tenant_not_found");
  }
}

namespace {

void log_usage(AdminWorld& w, const std::string& tenant,
               const std::string& provider, const std::string& model,
               std::optional<double> cost, bool success, int64_t at_ms,
               int64_t input_tokens = 0) {
  aihost::storage::UsageLog u;
  u.tenant_id = tenant;
  u.request_id = "req-" + std::to_string(at_ms) + tenant + provider;
  u.provider = provider;
  u.model = model;
  u.operation = provider == "deepgram" ? "audio.transcribe" : "llm.chat";
  u.cost_usd = cost;
  u.cost_method = cost ? "price_table" : "unpriced";
  u.success = success;
  u.input_tokens = input_tokens;
  u.audio_seconds = provider == "deepgram" ? 30.5 : 0;
  u.created_at_ms = at_ms;
  auto conn = w.db->db().connect();
  aihost::storage::UsageLogRepository(conn).insert(u);
}

constexpr int64_t kNov3 = 1793664000000;  // 2026-11-03T00:00:00Z
constexpr int64_t kDay = 86'400'000;

}  // namespace

TEST_CASE("usage across tenants, filtered and grouped") {
  for (auto engine : test_engines()) {
    CAPTURE(aihost::storage::engine_name(engine));
    AdminWorld w(engine);
    w.tenant("acme");
    w.tenant("beta");
    log_usage(w, "acme", "openai", "gpt-x", 0.25, true, kNov3 + 1000, 100);
    log_usage(w, "acme", "openai", "gpt-x", 0.5, true, kNov3 + kDay, 50);
    log_usage(w, "acme", "openai", "gpt-x", std::nullopt, false, kNov3 + 2000);
    log_usage(w, "beta", "deepgram", "nova", std::nullopt, true, kNov3 + 3000);
    log_usage(w, "beta", "openai", "gpt-x", 1.0, true, kNov3 - kDay);  // Nov 2

    auto all = w.call("GET", "/admin/v1/usage?from=2026-11-01&to=2026-12-01");
    REQUIRE(all.status == 200);
    CHECK(all.body["from"] == "2026-11-01T00:00:00Z");
    CHECK(all.body["group_by"] ==
          json{"tenant", "provider", "model", "operation"});
    REQUIRE(all.body["rows"].size() == 3);
    auto acme = all.body["rows"][0];
    CHECK(acme["tenant"] == "acme");
    CHECK(acme["calls"] == 3);
    CHECK(acme["failed_calls"] == 1);
    CHECK(acme["unpriced_calls"] == 1);
    CHECK(acme["cost_usd"] == "0.750000");
    CHECK(acme["input_tokens"] == 150);
    CHECK(all.body["rows"][1]["provider"] == "deepgram");
    CHECK(all.body["rows"][1]["audio_seconds"] == 30.5);
    CHECK(all.body["total"]["calls"] == 5);
    CHECK(all.body["total"]["cost_usd"] == "1.750000");
    CHECK(all.body["total"]["unpriced_calls"] == 2);

    auto window =
        w.call("GET",
               "/admin/v1/usage?from=2026-11-03T00:00:00Z&to=2026-11-04"
               "&tenant_id=acme&group_by=day,provider");
    REQUIRE(window.status == 200);
    REQUIRE(window.body["rows"].size() == 1);
    CHECK(window.body["rows"][0]["day"] == "2026-11-03");
    CHECK(window.body["rows"][0]["calls"] == 2);
    CHECK_FALSE(window.body["rows"][0].contains("tenant"));
    CHECK(window.body["tenant_id"] == "acme");

    auto days = w.call(
        "GET", "/admin/v1/usage?from=2026-11-01&to=2026-11-30&group_by=day");
    REQUIRE(days.body["rows"].size() == 3);
    CHECK(days.body["rows"][0]["day"] == "2026-11-02");
    CHECK(days.body["rows"][2]["day"] == "2026-11-04");

    auto total = w.call(
        "GET", "/admin/v1/usage?from=2026-11-01&to=2026-12-01&group_by=");
    REQUIRE(total.body["rows"].size() == 1);
    CHECK(total.body["rows"][0]["calls"] == 5);
    auto nothing =
        w.call("GET", "/admin/v1/usage?from=2020-01-01&to=2020-02-01");
    CHECK(nothing.body["rows"].empty());
    CHECK(nothing.body["total"]["cost_usd"] == "0.000000");

    for (const char* bad :
         {"?from=yesterday", "?to=2026-13-01", "?from=2026-02-30",
          "?from=2026-11-05&to=2026-11-01", "?group_by=tenant,colour",
          "?group_by=day,day", "?from=2026-11-01T00:00:00"}) {
      INFO(bad);
      auto r = w.call("GET", std::string("/admin/v1/usage") + bad);
      CHECK(r.status == 400);
      CHECK(r.code() == "invalid_request");
    }
    CHECK(w.call("GET", "/admin/v1/usage?tenant_id=nobody").code() ==
          "tenant_not_found");
  }
}
