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

TEST_CASE("insert_many writes every row of a batch, in order, or none") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    Connection c = t->db().connect();
    TenantRepository(c).create("acme", "Acme", 1);
    UsageLogRepository logs(c);

    // More rows than one statement takes, so the last statement is short.
    const size_t count = 2 * UsageLogRepository::kRowsPerStatement + 7;
    std::vector<UsageLog> batch;
    for (size_t i = 0; i < count; ++i) {
      UsageLog u;
      u.tenant_id = "acme";
      // Appended, not "literal" + string: GCC 12 warns falsely on that.
      const std::string n = std::to_string(i);
      u.request_id = "req-";
      u.request_id += n;
      u.provider = i % 3 == 0 ? "deepgram" : "openai";
      u.model = "m";
      u.model += std::to_string(i % 5);
      u.operation = "chat.complete";
      u.input_tokens = static_cast<int64_t>(i) * 10;
      u.output_tokens = static_cast<int64_t>(i);
      u.audio_seconds = 0.5 * static_cast<double>(i);
      if (i % 4 != 0) u.cost_usd = 0.000001 * static_cast<double>(i);
      u.cost_method = i % 4 != 0 ? "price_table:2026-01" : "unpriced";
      u.success = i % 7 != 0;
      if (!u.success) {
        u.error_code = "provider.unavailable";
        u.error_message = "said \"no\" at row ";
        *u.error_message += n;
      }
      if (i % 2 == 0) u.metadata_json = std::string(R"({"row":)") + n + "}";
      u.created_at_ms = 1000 + static_cast<int64_t>(i);
      batch.push_back(u);
    }
    logs.insert_many(batch);

    auto rows = logs.list("acme", 0, 10'000);
    REQUIRE(rows.size() == count);
    for (size_t i = 0; i < count; ++i) {
      CAPTURE(i);
      const UsageLog& want = batch[i];
      const UsageLog& got = rows[i];
      CHECK(got.request_id == want.request_id);
      CHECK(got.provider == want.provider);
      CHECK(got.model == want.model);
      CHECK(got.input_tokens == want.input_tokens);
      CHECK(got.output_tokens == want.output_tokens);
      CHECK(got.audio_seconds == Approx(want.audio_seconds));
      CHECK(got.cost_usd.has_value() == want.cost_usd.has_value());
      if (want.cost_usd) CHECK(*got.cost_usd == Approx(*want.cost_usd));
      CHECK(got.cost_method == want.cost_method);
      CHECK(got.success == want.success);
      CHECK(got.error_code == want.error_code);
      CHECK(got.error_message == want.error_message);
      CHECK(nlohmann::json::parse(got.metadata_json) ==
            nlohmann::json::parse(
                want.metadata_json.empty() ? "{}" : want.metadata_json));
      CHECK(got.created_at_ms == want.created_at_ms);
    }

    // One bad row refuses the whole batch before anything is written.
    std::vector<UsageLog> mixed(batch.begin(), batch.begin() + 3);
    for (auto& u : mixed) u.created_at_ms += 100'000;
    mixed[2].provider.clear();
    CHECK_THROWS_AS(logs.insert_many(mixed), StorageError);
    CHECK(logs.list("acme", 0, 1'000'000).size() == count);

    logs.insert_many({});  // nothing to do, no statement
    CHECK(logs.list("acme", 0, 1'000'000).size() == count);
  }
}
