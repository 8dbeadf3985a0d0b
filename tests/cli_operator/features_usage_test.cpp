// Features and limits, the month's usage report, and the settings dump.
#include <catch2/catch.hpp>

#include "governance/billing_period.hpp"
#include "operator_fixture.hpp"
#include "storage/usage_log_repository.hpp"

using namespace aihost;
using aihost::testing::OperatorWorld;

TEST_CASE("features set changes only the flags given and show reads them") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    REQUIRE(
        w.run(cli::run_tenants, {"create", "Acme", "--slug", "acme"}).exit ==
        0);
    auto defaults = w.run(cli::run_features, {"show", "acme", "--json"}).json();
    CHECK(defaults["stored"] == false);
    CHECK(defaults["monthly_budget_usd"].is_null());

    auto set = w.run(
        cli::run_features,
        {"set", "acme", "--pii", "on", "--coaching", "on", "--transcription",
         "off", "--pii-entities", "PERSON,EMAIL_ADDRESS", "--pii-threshold",
         "0.75", "--max-audio-seconds", "600", "--max-concurrent-jobs", "2",
         "--monthly-budget-usd", "12.50", "--json"});
    REQUIRE(set.exit == 0);
    auto shown = w.run(cli::run_features, {"show", "acme", "--json"}).json();
    CHECK(shown["stored"] == true);
    CHECK(shown["pii"] == true);
    CHECK(shown["coaching"] == true);
    CHECK(shown["transcription"] == false);
    CHECK(shown["summary"] == defaults["summary"]);
    CHECK(shown["pii_entities"] == nlohmann::json({"PERSON", "EMAIL_ADDRESS"}));
    CHECK(shown["pii_threshold"] == 0.75);
    CHECK(shown["max_audio_seconds"] == 600);
    CHECK(shown["max_concurrent_jobs"] == 2);
    CHECK(shown["monthly_budget_usd"] == "12.500000");

    REQUIRE(
        w.run(cli::run_features, {"set", "acme", "--summary", "off"}).exit ==
        0);
    auto later = w.run(cli::run_features, {"show", "acme", "--json"}).json();
    CHECK(later["summary"] == false);
    CHECK(later["monthly_budget_usd"] == "12.500000");  // kept
    REQUIRE(w.run(cli::run_features,
                  {"set", "acme", "--monthly-budget-usd", "none"})
                .exit == 0);
    CHECK(w.run(cli::run_features, {"show", "acme", "--json"})
              .json()["monthly_budget_usd"]
              .is_null());

    for (cli::OperatorArgs bad :
         {cli::OperatorArgs{"set", "acme", "--pii", "maybe"},
          {"set", "acme", "--pii-threshold", "1.5"},
          {"set", "acme", "--max-audio-seconds", "0"},
          {"set", "acme", "--monthly-budget-usd", "-3"},
          {"set", "acme", "--monthly-budget-usd", "1.2345678"},
          {"set", "acme", "--pii-entities", "person"},
          {"set", "acme", "--vision", "on"}}) {
      CAPTURE(bad);
      CHECK(w.run(cli::run_features, bad).exit == 2);
    }
    CHECK(w.run(cli::run_features, {"show", "nobody"}).exit == 1);
  }
}

TEST_CASE("usage sums the month by provider, model and operation") {
  for (auto engine : testing::test_engines()) {
    CAPTURE(storage::engine_name(engine));
    OperatorWorld w(engine);
    REQUIRE(
        w.run(cli::run_tenants, {"create", "Acme", "--slug", "acme"}).exit ==
        0);
    REQUIRE(w.run(cli::run_tenants, {"create", "Globex", "--slug", "globex"})
                .exit == 0);
    auto in_month = governance::bounds_of("2026-10").from_ms + 86'400'000;
    auto next_month = governance::bounds_of("2026-11").from_ms + 1;
    {
      storage::Connection c = w.db->db().connect();
      storage::UsageLogRepository repo(c);
      auto add = [&](std::string tenant, std::string provider,
                     std::string model, std::string op,
                     std::optional<double> cost, bool ok, int64_t at) {
        storage::UsageLog u;
        u.tenant_id = tenant;
        u.request_id = "r-" + std::to_string(at);
        u.provider = provider;
        u.model = model;
        u.operation = op;
        u.cost_usd = cost;
        u.cost_method = cost ? "price_table" : "unpriced";
        u.success = ok;
        u.created_at_ms = at;
        repo.insert(u);
      };
      add("acme", "openai", "gpt-4o-mini", "chat.complete", 0.0125, true,
          in_month);
      add("acme", "openai", "gpt-4o-mini", "chat.complete", 0.0250, true,
          in_month + 5);
      add("acme", "openai", "gpt-4o-mini", "chat.complete", 0.0, false,
          in_month + 6);
      add("acme", "deepgram", "nova-3", "audio.transcribe", 0.4300, true,
          in_month);
      add("acme", "openai", "new-model", "chat.complete", std::nullopt, true,
          in_month);
      add("acme", "openai", "gpt-4o-mini", "chat.complete", 9.0, true,
          next_month);
      add("globex", "openai", "gpt-4o-mini", "chat.complete", 7.0, true,
          in_month);
    }
    auto r = w.run(cli::run_usage, {"acme", "--month", "2026-10", "--json"});
    REQUIRE(r.exit == 0);
    auto j = r.json();
    CHECK(j["total"]["cost_usd"] == "0.467500");
    CHECK(j["total"]["calls"] == 5);
    CHECK(j["total"]["failed_calls"] == 1);
    CHECK(j["total"]["unpriced_calls"] == 1);
    REQUIRE(j["rows"].size() == 3);
    for (const auto& row : j["rows"]) {
      if (row["model"] == "gpt-4o-mini") {
        CHECK(row["calls"] == 3);
        CHECK(row["cost_usd"] == "0.037500");
      } else if (row["model"] == "nova-3") {
        CHECK(row["cost_usd"] == "0.430000");
      } else {
        CHECK(row["unpriced_calls"] == 1);
      }
    }
    auto text = w.run(cli::run_usage, {"acme", "--month", "2026-10"});
    CHECK(text.out.find("no price") != std::string::npos);
    auto nov = w.run(cli::run_usage, {"acme", "--month", "2026-11", "--json"});
    CHECK(nov.json()["total"]["cost_usd"] == "9.000000");
    CHECK(w.run(cli::run_usage, {"acme", "--month", "2026-13"}).exit == 2);
    CHECK(w.run(cli::run_usage, {"nobody"}).exit == 1);
  }
}

TEST_CASE("settings prints the effective values with secrets redacted") {
  OperatorWorld w(storage::Engine::kSqlite);
  auto r = w.run(cli::run_settings, {"--json"});
  REQUIRE(r.exit == 0);
  auto j = r.json();
  CHECK(j.contains("AI_DATABASE_URL"));
  std::string keys = w.env["AI_ENCRYPTION_KEYS"];
  CHECK(r.out.find(keys.substr(3)) == std::string::npos);
  CHECK(r.out.find("pepper-for-operator") == std::string::npos);
  w.env["AI_MAX_CONCURRENT_JOBS"] = "lots";
  auto bad = w.run(cli::run_settings, {});
  CHECK(bad.exit == 1);
  CHECK(bad.err.find("AI_MAX_CONCURRENT_JOBS") != std::string::npos);
}
