#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "storage/tenant_repository.hpp"
#include "storage/usage_log_repository.hpp"
#include "test_databases.hpp"

using namespace aihost::storage;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

TEST_CASE("usage logs keep raw quantities, unpriced calls and failures") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    TenantRepository(c).create("acme", "Acme", 1);
    UsageLogRepository logs(c);

    UsageLog chat;
    chat.tenant_id = "acme";
    chat.request_id = "req-81";
    chat.provider = "openai";
    chat.model = "gpt-4o-mini";
    chat.operation = "chat.complete";
    chat.input_tokens = 1200;
    chat.output_tokens = 310;
    chat.cached_tokens = 1024;
    chat.cost_usd = 0.000366;
    chat.cost_method = "price_table:2026-01";
    chat.duration_ms = 812;
    chat.metadata_json = R"({"task":"summary","fallback":false})";
    chat.created_at_ms = 1000;
    int64_t id = logs.insert(chat);
    CHECK(id > 0);

    UsageLog unpriced = chat;
    unpriced.model = "gpt-next-preview";
    unpriced.cost_usd.reset();
    unpriced.cost_method = "unpriced";
    unpriced.created_at_ms = 2000;
    logs.insert(unpriced);

    UsageLog failed = chat;
    failed.success = false;
    failed.attempt = 1;
    failed.error_code = "provider.rate_limited";
    failed.error_message = "429 from upstream";
    failed.cost_usd = 0;
    failed.created_at_ms = 3000;
    logs.insert(failed);

    UsageLog audio;
    audio.tenant_id = "acme";
    audio.provider = "deepgram";
    audio.model = "nova-3";
    audio.operation = "audio.transcribe";
    audio.audio_seconds = 93.25;
    audio.cost_usd = 0.006682;
    audio.cost_method = "price_table:2026-01";
    audio.created_at_ms = 4000;
    logs.insert(audio);

    auto rows = logs.list("acme", 0, 10'000);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].id == id);
    CHECK(rows[0].request_id == "req-81");
    CHECK(rows[0].input_tokens == 1200);
    CHECK(rows[0].output_tokens == 310);
    CHECK(rows[0].cached_tokens == 1024);
    CHECK(rows[0].cost_usd == Approx(0.000366));
    CHECK(rows[0].duration_ms == 812);
    CHECK(rows[0].success);
    CHECK_FALSE(rows[0].job_id);
    CHECK(nlohmann::json::parse(rows[0].metadata_json)["task"] == "summary");
    CHECK_FALSE(rows[1].cost_usd);  // unpriced stays NULL, not 0
    CHECK(rows[1].cost_method == "unpriced");
    CHECK(rows[2].error_code == "provider.rate_limited");
    CHECK(rows[3].audio_seconds == Approx(93.25));

    CHECK(logs.list("acme", 2000, 4000).size() == 2);  // [from, to)

    auto summary = logs.summarize("acme", 0, 10'000);
    REQUIRE(summary.size() == 3);
    CHECK(summary[0].provider == "deepgram");
    CHECK(summary[1].model == "gpt-4o-mini");
    CHECK(summary[1].calls == 2);
    CHECK(summary[1].failed_calls == 1);
    CHECK(summary[1].unpriced_calls == 0);
    CHECK(summary[1].cost_usd == Approx(0.000366));
    CHECK(summary[2].model == "gpt-next-preview");
    CHECK(summary[2].unpriced_calls == 1);
    CHECK(summary[2].cost_usd == 0);

    UsageLog bad = chat;
    bad.cost_method.clear();
    CHECK_THROWS_AS(logs.insert(bad), StorageError);
  }
}
