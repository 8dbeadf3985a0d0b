// Every tenant-owned read, update and delete, called with another tenant's
// id, finds and changes nothing.
#include <catch2/catch.hpp>

#include "storage/budget_ledger_repository.hpp"
#include "storage/budget_period_repository.hpp"
#include "storage/cost_alert_repository.hpp"
#include "storage/job_repository.hpp"
#include "storage/tenant_ai_config_repository.hpp"
#include "storage/tenant_api_key_repository.hpp"
#include "storage/tenant_feature_repository.hpp"
#include "storage/tenant_repository.hpp"
#include "storage/usage_log_repository.hpp"
#include "test_databases.hpp"

using namespace aihost::storage;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

TEST_CASE("another tenant's id finds nothing in any repository") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    const std::string owner = "acme", other = "globex";
    TenantRepository(c).create(owner, "Acme", 1);
    TenantRepository(c).create(other, "Globex", 1);

    // Everything below belongs to acme.
    TenantApiKeyRepository keys(c);
    int64_t key_id = keys.insert(owner, "ak_1", "h1", "", 1);

    TenantAiConfigRepository configs(c);
    TenantAiConfig cfg;
    cfg.tenant_id = owner;
    cfg.provider_type = "llm";
    cfg.provider_name = "openai";
    cfg.api_key_ciphertext = "cipher";
    int64_t cfg_id = configs.replace_active(cfg, 1);

    TenantFeatureRepository features(c);
    TenantFeatures f;
    f.tenant_id = owner;
    f.monthly_budget_micros = 1'000'000;
    features.upsert(f, 1);

    JobRepository jobs(c);
    std::string job_id = jobs.enqueue({owner, "summary", "{}", 3}, 1);
    std::string running = jobs.enqueue({owner, "summary", "{}", 3}, 2);
    REQUIRE(jobs.claim("w", 60'000, 10)->id == job_id);

    UsageLogRepository usage(c);
    UsageLog u;
    u.tenant_id = owner;
    u.job_id = job_id;
    u.provider = "openai";
    u.model = "gpt-4o-mini";
    u.operation = "chat.complete";
    u.cost_usd = 0.01;
    u.cost_method = "price_table";
    u.created_at_ms = 5;
    usage.insert(u);

    BudgetPeriodRepository periods(c);
    periods.ensure(owner, "2026-11", 1);
    REQUIRE(periods.try_reserve(owner, "2026-11", 100, 1'000'000, 1));
    BudgetLedgerRepository ledger(c);
    int64_t entry = ledger.open(owner, "2026-11", 100, "req", 1000, 1);

    CostAlertRepository alerts(c);
    REQUIRE(alerts.record(owner, "2026-11", 50, 600'000, 1'000'000, 1));

    // Reads.
    CHECK(keys.list(other).empty());
    CHECK_FALSE(configs.find(other, cfg_id));
    CHECK_FALSE(configs.find_active(other, "llm"));
    CHECK(configs.list(other).empty());
    CHECK_FALSE(features.find(other));
    CHECK_FALSE(jobs.find(other, job_id));
    CHECK(jobs.list(other, std::nullopt, 100).empty());
    CHECK(jobs.count_active(other) == 0);
    CHECK(usage.list(other, 0, 1'000'000).empty());
    CHECK(usage.list_for_job(other, job_id).empty());
    CHECK(usage.summarize(other, 0, 1'000'000).empty());
    CHECK_FALSE(periods.find(other, "2026-11"));
    CHECK_FALSE(ledger.find(other, entry));
    CHECK(ledger.list(other, "2026-11").empty());
    CHECK(ledger.totals(other, "2026-11").open_reserved_micros == 0);
    CHECK(alerts.list(other, std::nullopt).empty());

    // Writes.
    CHECK_FALSE(keys.revoke(other, key_id, 2));
    CHECK_FALSE(configs.deactivate(other, cfg_id, 2));
    CHECK_FALSE(configs.replace_key(other, cfg_id, "cipher", "evil", 2));
    CHECK_FALSE(features.remove(other));
    CHECK_FALSE(jobs.cancel(other, running, 2));
    CHECK_FALSE(jobs.renew(other, job_id, "w", 1000, 20));
    CHECK_FALSE(jobs.report_progress(other, job_id, "w", 10, "x", 20));
    CHECK_FALSE(jobs.complete(other, job_id, "w", "{}", 20));
    CHECK_FALSE(jobs.fail(other, job_id, "w", "e", "m", false, 20));
    CHECK_FALSE(periods.try_reserve(other, "2026-11", 1, std::nullopt, 2));
    CHECK_FALSE(periods.settle(other, "2026-11", 100, 100, 2));
    CHECK_FALSE(ledger.close_settled(other, entry, 100, 2));
    CHECK_FALSE(ledger.close_released(other, entry, 2));

    // And acme's rows are untouched by all of that.
    CHECK_FALSE(keys.list(owner)[0].revoked_at_ms);
    auto kept = configs.find(owner, cfg_id);
    CHECK(kept->active);
    CHECK(kept->api_key_ciphertext == "cipher");
    CHECK(features.find(owner));
    CHECK(jobs.find(owner, running)->status == JobStatus::kPending);
    auto job = jobs.find(owner, job_id);
    CHECK(job->status == JobStatus::kProcessing);
    CHECK(job->progress == 0);
    CHECK(periods.find(owner, "2026-11")->reserved_micros == 100);
    CHECK(ledger.find(owner, entry)->status == LedgerStatus::kReserved);
  }
}
