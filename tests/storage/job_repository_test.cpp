#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "storage/job_completion.hpp"
#include "storage/job_repository.hpp"
#include "storage/tenant_repository.hpp"
#include "storage/usage_log_repository.hpp"
#include "test_databases.hpp"

using namespace aihost::storage;
using aihost::testing::open_test_database;
using aihost::testing::test_engines;

namespace {

constexpr int64_t kLease = 30'000;

void seed_tenants(Database& db) {
  Connection c = db.connect();
  TenantRepository(c).create("acme", "Acme", 1);
  TenantRepository(c).create("globex", "Globex", 1);
}

UsageLog usage_row(const std::string& tenant, double cost) {
  UsageLog u;
  u.tenant_id = tenant;
  u.provider = "deepgram";
  u.model = "nova-3";
  u.operation = "audio.transcribe";
  u.audio_seconds = 42.5;
  u.cost_usd = cost;
  u.cost_method = "price_table";
  u.created_at_ms = 5000;
  return u;
}

}  // namespace

TEST_CASE("jobs: enqueue, read, list, count, cancel") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    JobRepository jobs(c);

    std::string a = jobs.enqueue(
        {"acme", "transcription", R"({"audio_url":"s3://calls/1.wav"})", 3},
        100);
    std::string b = jobs.enqueue({"acme", "summary", "{}", 1}, 200);
    CHECK(a.size() == 36);
    CHECK(a != b);

    auto job = jobs.find("acme", a);
    REQUIRE(job);
    CHECK(job->status == JobStatus::kPending);
    CHECK(job->job_type == "transcription");
    CHECK(nlohmann::json::parse(job->input_json)["audio_url"] ==
          "s3://calls/1.wav");
    CHECK_FALSE(job->result_json);
    CHECK(job->progress == 0);
    CHECK(job->attempts == 0);
    CHECK(job->max_attempts == 3);
    CHECK(job->created_at_ms == 100);

    auto listed = jobs.list("acme", std::nullopt, 10);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].id == b);  // newest first
    CHECK(jobs.list("acme", JobStatus::kPending, 1).size() == 1);
    CHECK(jobs.count_active("acme") == 2);

    CHECK(jobs.cancel("acme", b, 300));
    CHECK_FALSE(jobs.cancel("acme", b, 301));
    CHECK(jobs.find("acme", b)->status == JobStatus::kCancelled);
    CHECK(jobs.count_active("acme") == 1);

    try {
      jobs.enqueue({"acme", "", "{}", 3}, 1);
      FAIL("enqueued a job without a type");
    } catch (const StorageError& e) {
      CHECK(e.code() == "storage.invalid");
    }
  }
}

TEST_CASE("jobs: claim, progress, renew, complete under a lease") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    JobRepository jobs(c);

    std::string older = jobs.enqueue({"acme", "transcription", "{}", 3}, 100);
    std::string newer = jobs.enqueue({"globex", "summary", "{}", 3}, 200);

    auto claimed = jobs.claim("worker-a", kLease, 1000);
    REQUIRE(claimed);
    CHECK(claimed->id == older);  // oldest first, across tenants
    CHECK(claimed->status == JobStatus::kProcessing);
    CHECK(claimed->lease_owner == "worker-a");
    CHECK(claimed->lease_expires_at_ms == 1000 + kLease);
    CHECK(claimed->attempts == 1);
    CHECK(claimed->started_at_ms == 1000);

    CHECK(jobs.claim("worker-b", kLease, 1001)->id == newer);
    CHECK_FALSE(jobs.claim("worker-c", kLease, 1002));  // nothing left

    CHECK(jobs.report_progress("acme", older, "worker-a", 40, "transcribe",
                               2000));
    CHECK_FALSE(jobs.report_progress("acme", older, "worker-b", 50, "x", 2001));
    CHECK(jobs.renew("acme", older, "worker-a", kLease, 20'000));
    CHECK(jobs.find("acme", older)->lease_expires_at_ms == 20'000 + kLease);
    CHECK(jobs.find("acme", older)->current_step == "transcribe");

    CHECK(jobs.complete("acme", older, "worker-a", R"({"text":"hello"})",
                        21'000));
    auto done = jobs.find("acme", older);
    REQUIRE(done);
    CHECK(done->status == JobStatus::kCompleted);
    CHECK(done->progress == 100);
    CHECK(nlohmann::json::parse(*done->result_json)["text"] == "hello");
    CHECK_FALSE(done->lease_owner);
    CHECK(done->completed_at_ms == 21'000);
    // Finished means finished: no second completion, no cancel.
    CHECK_FALSE(jobs.complete("acme", older, "worker-a", "{}", 21'001));
    CHECK_FALSE(jobs.cancel("acme", older, 21'002));

    CHECK_THROWS_AS(
        jobs.report_progress("globex", newer, "worker-b", 101, "x", 1),
        StorageError);
  }
}

TEST_CASE("jobs: an expired lease is reclaimed and fences the old worker") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    JobRepository jobs(c);
    std::string id = jobs.enqueue({"acme", "transcription", "{}", 2}, 100);

    REQUIRE(jobs.claim("worker-a", 1000, 1000));
    // Within the lease nobody else gets it.
    CHECK_FALSE(jobs.claim("worker-b", 1000, 1999));
    // After it, worker-b does (worker-a crashed or stalled).
    auto again = jobs.claim("worker-b", 1000, 2001);
    REQUIRE(again);
    CHECK(again->id == id);
    CHECK(again->attempts == 2);
    CHECK(again->started_at_ms == 1000);  // first start kept

    // worker-a wakes up: every write it tries is refused.
    CHECK_FALSE(jobs.renew("acme", id, "worker-a", 1000, 2100));
    CHECK_FALSE(jobs.complete("acme", id, "worker-a", "{}", 2100));
    CHECK_FALSE(jobs.fail("acme", id, "worker-a", "x", "y", false, 2100));

    // Last attempt's lease expires too: no third claim, the sweep fails it.
    CHECK_FALSE(jobs.claim("worker-c", 1000, 5000));
    CHECK(jobs.fail_exhausted(5000) == 1);
    auto failed = jobs.find("acme", id);
    CHECK(failed->status == JobStatus::kFailed);
    CHECK(failed->error_code == "job.lease_expired");
  }
}

TEST_CASE("jobs: retryable failures go back to the queue until attempts end") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    Connection c = t->db().connect();
    JobRepository jobs(c);
    std::string id = jobs.enqueue({"acme", "summary", "{}", 2}, 100);

    REQUIRE(jobs.claim("w", kLease, 1000));
    CHECK(jobs.fail("acme", id, "w", "provider.unavailable", "503 upstream",
                    true, 1100));
    auto retry = jobs.find("acme", id);
    CHECK(retry->status == JobStatus::kPending);
    CHECK(retry->error_code == "provider.unavailable");
    CHECK_FALSE(retry->completed_at_ms);

    REQUIRE(jobs.claim("w", kLease, 1200));
    CHECK(jobs.fail("acme", id, "w", "provider.unavailable", "503 again", true,
                    1300));
    auto final_state = jobs.find("acme", id);
    CHECK(final_state->status == JobStatus::kFailed);  // attempts used up
    CHECK(final_state->attempts == 2);
    CHECK(final_state->completed_at_ms == 1300);

    std::string other = jobs.enqueue({"acme", "summary", "{}", 5}, 2000);
    REQUIRE(jobs.claim("w", kLease, 2100));
    CHECK(jobs.fail("acme", other, "w", "request.invalid", "bad audio", false,
                    2200));
    CHECK(jobs.find("acme", other)->status == JobStatus::kFailed);
  }
}

TEST_CASE("jobs: concurrent claimers never take the same job") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine, {8, 10000, 10000});
    seed_tenants(t->db());
    constexpr int kJobs = 60;
    {
      Connection c = t->db().connect();
      JobRepository jobs(c);
      for (int i = 0; i < kJobs; ++i)
        jobs.enqueue({i % 2 ? "acme" : "globex", "summary", "{}", 3}, i);
    }
    std::mutex mutex;
    std::multiset<std::string> claimed;
    std::atomic<int> errors{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 4; ++w) {
      workers.emplace_back([&, w] {
        try {
          std::string me = "worker-" + std::to_string(w);
          for (;;) {
            Connection c = t->db().connect();
            auto job = JobRepository(c).claim(me, kLease, 10'000);
            if (!job) break;
            std::lock_guard lock(mutex);
            claimed.insert(job->id);
          }
        } catch (...) {
          ++errors;
        }
      });
    }
    for (auto& th : workers) th.join();
    CHECK(errors == 0);
    CHECK(claimed.size() == kJobs);
    CHECK(std::set<std::string>(claimed.begin(), claimed.end()).size() ==
          kJobs);
  }
}

TEST_CASE("jobs: completion and its usage rows commit together") {
  for (Engine engine : test_engines()) {
    CAPTURE(engine_name(engine));
    auto t = open_test_database(engine);
    seed_tenants(t->db());
    std::string id;
    {
      Connection c = t->db().connect();
      id = JobRepository(c).enqueue({"acme", "transcription", "{}", 3}, 100);
      REQUIRE(JobRepository(c).claim("w1", 1000, 1000));
    }
    std::vector<UsageLog> usage{usage_row("acme", 0.0123),
                                usage_row("acme", 0.0004)};
    usage[1].success = false;
    usage[1].error_code = "provider.timeout";
    usage[1].attempt = 2;

    // A worker that lost its lease writes nothing at all.
    CHECK_FALSE(
        complete_job_with_usage(t->db(), "acme", id, "w2", "{}", usage, 1500));
    {
      Connection c = t->db().connect();
      CHECK(UsageLogRepository(c).list_for_job("acme", id).empty());
    }
    CHECK(complete_job_with_usage(t->db(), "acme", id, "w1", R"({"text":"ok"})",
                                  usage, 1500));
    Connection c = t->db().connect();
    CHECK(JobRepository(c).find("acme", id)->status == JobStatus::kCompleted);
    auto rows = UsageLogRepository(c).list_for_job("acme", id);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].cost_usd == Approx(0.0123));
    CHECK_FALSE(rows[1].success);

    // Usage rows must be the job's own.
    CHECK_THROWS_AS(complete_job_with_usage(t->db(), "acme", id, "w1", "{}",
                                            {usage_row("globex", 1)}, 1600),
                    StorageError);
  }
}
