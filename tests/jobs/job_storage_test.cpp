// Schema v2 at the repository level: job inputs, checkpoints, the filtered
// and paged list, and tenant-aware claiming.
#include <catch2/catch.hpp>

#include "storage/job_input_repository.hpp"
#include "storage/job_repository.hpp"
#include "storage/job_step_repository.hpp"
#include "storage/tenant_feature_repository.hpp"
#include "storage/tenant_repository.hpp"
#include "storage/transaction.hpp"
#include "test_databases.hpp"

using namespace aihost::storage;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

void seed_tenants(Database& db) {
  Connection c = db.connect();
  TenantRepository(c).create("acme", "Acme", 1);
  TenantRepository(c).create("globex", "Globex", 1);
}

// Bytes a text column would mangle: NULs, high bytes, every value.
std::string binary_payload(std::size_t size) {
  std::string out(size, '\0');
  uint32_t x = 2463534242u;
  for (std::size_t i = 0; i < size; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out[i] = static_cast<char>(i % 7 == 0 ? 0 : x & 0xff);
  }
  return out;
}

}  // namespace

TEST_CASE("job inputs: 5 MB of binary round-trip, scoped by tenant") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    std::string id =
        JobRepository(c).enqueue({"acme", "transcription", "{}", 3}, 10);
    const std::string bytes = binary_payload(5 << 20);
    JobInputRepository inputs(c);
    inputs.insert({id, "acme", "audio/wav", bytes}, 11);

    auto back = inputs.find("acme", id);
    REQUIRE(back);
    CHECK(back->media_type == "audio/wav");
    CHECK(back->data.size() == bytes.size());
    CHECK(back->data == bytes);
    CHECK_FALSE(inputs.find("globex", id));

    try {
      inputs.insert({id, "acme", "audio/wav", "x"}, 12);
      FAIL("a second input for one job was stored");
    } catch (const StorageError& e) {
      CHECK(e.code() == "storage.conflict");
    }

    // Empty input is a valid (if odd) upload, distinct from none.
    std::string empty_job =
        JobRepository(c).enqueue({"acme", "x", "{}", 3}, 13);
    inputs.insert({empty_job, "acme", "application/octet-stream", ""}, 13);
    REQUIRE(inputs.find("acme", empty_job));
    CHECK(inputs.find("acme", empty_job)->data.empty());
  }
}

TEST_CASE("job steps: recorded once, read back in order, tenant-scoped") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    std::string id =
        JobRepository(c).enqueue({"acme", "transcription", "{}", 3}, 10);
    JobStepRepository steps(c);
    steps.insert("acme", id, "transcribe", R"({"text":"hi there"})", 20);
    steps.insert("acme", id, "redact", R"({"text":"hi [NAME]"})", 30);
    CHECK_THROWS_AS(steps.insert("acme", id, "transcribe", "{}", 40),
                    StorageError);

    auto listed = steps.list("acme", id);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].step == "transcribe");
    CHECK(nlohmann::json::parse(listed[0].output_json)["text"] == "hi there");
    CHECK(listed[1].step == "redact");
    CHECK(steps.list("globex", id).empty());
  }
}

TEST_CASE("job list: filters and keyset pages in created_at DESC, id order") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    JobRepository jobs(c);
    // Two jobs share each timestamp, so the id tie-break is exercised.
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i)
      ids.push_back(jobs.enqueue(
          {"acme", i % 2 ? "summary" : "transcription", "{}", 3}, 100 + i / 2));
    jobs.enqueue({"globex", "summary", "{}", 3}, 104);
    jobs.cancel("acme", ids[3], 200);

    std::vector<std::string> seen;
    std::optional<JobListPosition> after;
    for (int page = 0; page < 10; ++page) {
      auto rows = jobs.list_page("acme", {}, after, 3);
      for (const auto& j : rows) seen.push_back(j.id);
      if (rows.size() < 3) break;
      after = JobListPosition{rows.back().created_at_ms, rows.back().id};
    }
    REQUIRE(seen.size() == 10);
    std::set<std::string> unique(seen.begin(), seen.end());
    CHECK(unique.size() == 10);
    auto full = jobs.list_page("acme", {}, std::nullopt, 100);
    REQUIRE(full.size() == 10);
    for (std::size_t i = 0; i < full.size(); ++i) {
      CHECK(full[i].id == seen[i]);
      if (i > 0) {
        bool ordered = full[i - 1].created_at_ms > full[i].created_at_ms ||
                       (full[i - 1].created_at_ms == full[i].created_at_ms &&
                        full[i - 1].id < full[i].id);
        CHECK(ordered);
      }
    }

    JobFilter summaries;
    summaries.job_type = "summary";
    CHECK(jobs.list_page("acme", summaries, std::nullopt, 100).size() == 5);
    JobFilter cancelled;
    cancelled.status = JobStatus::kCancelled;
    auto c_rows = jobs.list_page("acme", cancelled, std::nullopt, 100);
    REQUIRE(c_rows.size() == 1);
    CHECK(c_rows[0].id == ids[3]);
    JobFilter window;
    window.created_after_ms = 101;   // exclusive
    window.created_before_ms = 104;  // exclusive
    for (const auto& j : jobs.list_page("acme", window, std::nullopt, 100))
      CHECK((j.created_at_ms > 101 && j.created_at_ms < 104));
    CHECK(jobs.list_page("acme", window, std::nullopt, 100).size() == 4);
    CHECK(jobs.list_page("globex", {}, std::nullopt, 100).size() == 1);
  }
}

TEST_CASE("job claims pass over a tenant at its concurrency limit") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    TenantFeatures limited;
    limited.tenant_id = "acme";
    limited.max_concurrent_jobs = 1;
    TenantFeatureRepository(c).upsert(limited, 1);
    JobRepository jobs(c);
    std::string a1 = jobs.enqueue({"acme", "summary", "{}", 3}, 100);
    std::string a2 = jobs.enqueue({"acme", "summary", "{}", 3}, 101);
    std::string g1 = jobs.enqueue({"globex", "summary", "{}", 3}, 102);
    jobs.enqueue({"globex", "other", "{}", 3}, 99);

    auto take = [&](int64_t now) -> std::optional<Job> {
      Transaction tx(c);
      auto pick = jobs.pick_claimable({"summary"}, {}, 4, now);
      if (!pick) return std::nullopt;
      jobs.lock_tenant_claims(pick->tenant_id);
      auto job = jobs.claim_picked(pick->id, "w", 10'000, now);
      tx.commit();
      return job;
    };
    CHECK(take(1000)->id == a1);
    // acme is at its limit: its older job waits, globex's goes first.
    CHECK(take(1001)->id == g1);
    CHECK_FALSE(take(1002));
    CHECK(jobs.count_processing("acme", 1003) == 1);
    CHECK(jobs.tenant_job_limit("acme", 4) == 1);
    CHECK(jobs.tenant_job_limit("globex", 4) == 4);
    // Once acme's lease has expired it no longer counts as running.
    CHECK(jobs.count_processing("acme", 20'000) == 0);

    // Releasing gives the attempt back.
    CHECK(jobs.release("acme", a1, "w", 1004));
    auto released = jobs.find("acme", a1);
    CHECK(released->status == JobStatus::kPending);
    CHECK(released->attempts == 0);
    CHECK_FALSE(released->lease_owner);
    CHECK_FALSE(jobs.release("acme", a1, "w", 1005));
    CHECK(take(1006)->id == a1);
    (void)a2;
  }
}
