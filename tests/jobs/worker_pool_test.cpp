// WorkerPool against a real database: handlers run with leases, checkpoints
// and usage commit together, crashes and lost leases never double-bill,
// tenants keep to their concurrency limits, stop() hands jobs back.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "job_fixture.hpp"
#include "jobs/job_run.hpp"
#include "jobs/job_service.hpp"
#include "jobs/worker_pool.hpp"
#include "storage/job_repository.hpp"
#include "storage/job_step_repository.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/usage_log_repository.hpp"

using namespace aihost;
using namespace std::chrono_literals;
using jobs::JobContext;
using jobs::JobFailure;
using storage::JobStatus;
using testing::eventually;
using testing::JobDb;
using testing::test_engines;
using testing::transcription_usage;

namespace {

jobs::WorkerPoolOptions fast_pool(int workers,
                                  std::chrono::milliseconds lease = 1500ms) {
  jobs::WorkerPoolOptions o;
  o.workers = workers;
  o.lease = lease;
  o.idle_poll = 20ms;
  o.name = "test-pool";
  return o;
}

storage::Job find(storage::Database& db, const std::string& tenant,
                  const std::string& id) {
  storage::Connection c = db.connect();
  auto job = storage::JobRepository(c).find(tenant, id);
  REQUIRE(job);
  return *job;
}

bool has_status(storage::Database& db, const std::string& tenant,
                const std::string& id, JobStatus status) {
  return find(db, tenant, id).status == status;
}

std::vector<storage::UsageLog> usage_of(storage::Database& db,
                                        const std::string& tenant,
                                        const std::string& id) {
  storage::Connection c = db.connect();
  return storage::UsageLogRepository(c).list_for_job(tenant, id);
}

std::map<std::string, int> usage_by_step(
    const std::vector<storage::UsageLog>& rows) {
  std::map<std::string, int> out;
  for (const auto& u : rows) ++out[u.request_id];
  return out;
}

jobs::NewJobRequest job_of(const std::string& tenant, const std::string& type,
                           int max_attempts = 3) {
  jobs::NewJobRequest r;
  r.tenant_id = tenant;
  r.job_type = type;
  r.input = {{"call_id", "c-17"}};
  r.max_attempts = max_attempts;
  return r;
}

}  // namespace

TEST_CASE("worker pool: progress, a checkpoint, usage and the result") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    std::mutex mu;
    std::string seen_blob, seen_call;
    jobs::JobHandlers handlers;
    handlers.add("transcription", [&](JobContext& ctx) {
      {
        std::lock_guard lock(mu);
        seen_blob = ctx.blob();
        seen_call = ctx.input().value("call_id", "");
      }
      ctx.progress("transcribing", 10);
      ctx.usage_sink().add(transcription_usage(61.5, "transcribe"));
      ctx.checkpoint("transcribe", {{"text", "hello, how can I help"}}, 60);
      ctx.usage_sink().add(transcription_usage(3, "summarize"));
      return nlohmann::json{{"transcript", "hello, how can I help"},
                            {"words", 5}};
    });
    auto events = std::make_shared<jobs::JobEvents>();
    jobs::JobService service(t.db(), handlers, {}, events);
    jobs::WorkerPool pool(t.db(), handlers, fast_pool(2), events);
    pool.start();

    auto request = job_of("acme", "transcription");
    request.blob = std::string("\x00\x01\xff\x00wav", 7);
    request.media_type = "audio/wav";
    auto created = service.create(request);
    auto done = service.wait("acme", created.id, 5s);
    pool.stop(1s);

    REQUIRE(done.status == JobStatus::kCompleted);
    CHECK(done.progress == 100);
    CHECK(done.attempts == 1);
    CHECK_FALSE(done.lease_owner);
    auto result = nlohmann::json::parse(*done.result_json);
    CHECK(result["words"] == 5);
    CHECK(seen_blob == *request.blob);
    CHECK(seen_call == "c-17");

    // The finished job's checkpoints are gone: they served only to resume.
    storage::Connection c = t.db().connect();
    CHECK(storage::JobStepRepository(c).list("acme", created.id).empty());
    auto usage = usage_of(t.db(), "acme", created.id);
    CHECK(usage_by_step(usage) ==
          std::map<std::string, int>{{"transcribe", 1}, {"summarize", 1}});
    for (const auto& u : usage) CHECK(u.job_id == created.id);
  }
}

TEST_CASE(
    "a crash after step 1: the next worker resumes at step 2, step 1 "
    "billed once") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    jobs::JobHandlers handlers;
    std::atomic<int> step1_runs{0}, step2_runs{0};
    handlers.add("transcription", [&](JobContext& ctx) {
      if (!ctx.checkpoints().count("transcribe")) {
        ++step1_runs;
        ctx.usage_sink().add(transcription_usage(120, "transcribe"));
        ctx.checkpoint("transcribe", {{"text", "my card number is"}}, 50);
      }
      ++step2_runs;
      ctx.usage_sink().add(transcription_usage(0, "redact"));
      ctx.checkpoint("redact", {{"text", "my card number is [CARD]"}}, 90);
      return nlohmann::json{
          {"from_step_1", ctx.checkpoints().at("transcribe")["text"]},
          {"redacted", ctx.checkpoints().at("redact")["text"]}};
    });
    jobs::JobService service(t.db(), handlers);
    auto created = service.create(job_of("acme", "transcription"));

    // The first worker: claims with a short lease, finishes step 1 (its
    // usage commits with the checkpoint), then dies without a word.
    {
      storage::Connection c = t.db().connect();
      auto claimed =
          storage::JobRepository(c).claim("doomed", 400, storage::now_ms());
      REQUIRE(claimed);
      jobs::JobRun doomed(t.db(), *claimed, "doomed");
      doomed.load();
      jobs::JobHandler step1_only = [](JobContext& ctx) {
        ctx.usage_sink().add(transcription_usage(120, "transcribe"));
        ctx.checkpoint("transcribe", {{"text", "my card number is"}}, 50);
        ctx.usage_sink().add(transcription_usage(7, "lost-in-crash"));
        return nlohmann::json();
      };
      step1_only(doomed);
      // No complete(), no release(): the process is gone.
    }
    CHECK(find(t.db(), "acme", created.id).status == JobStatus::kProcessing);

    jobs::WorkerPool pool(t.db(), handlers, fast_pool(1));
    pool.start();
    // The lease (400 ms) has to run out first.
    REQUIRE(eventually(
        [&] {
          return has_status(t.db(), "acme", created.id, JobStatus::kCompleted);
        },
        5s));
    pool.stop(1s);

    auto done = find(t.db(), "acme", created.id);
    CHECK(done.attempts == 2);
    CHECK(step1_runs == 0);
    CHECK(step2_runs == 1);
    auto result = nlohmann::json::parse(*done.result_json);
    CHECK(result["from_step_1"] == "my card number is");
    CHECK(result["redacted"] == "my card number is [CARD]");
    // Step 1 once (from the dead worker's checkpoint), step 2 once; what the
    // dead worker had not checkpointed was never written.
    CHECK(usage_by_step(usage_of(t.db(), "acme", created.id)) ==
          std::map<std::string, int>{{"transcribe", 1}, {"redact", 1}});
  }
}

TEST_CASE("a lost lease: the old worker's checkpoint is refused") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    jobs::JobHandlers handlers;
    handlers.add("summary", [](JobContext&) { return nlohmann::json(); });
    jobs::JobService service(t.db(), handlers);
    auto created = service.create(job_of("acme", "summary"));

    storage::Connection c = t.db().connect();
    storage::JobRepository repo(c);
    // Worker A's lease ran out long ago (it stalled); worker B takes over.
    auto a_claim = repo.claim("worker-a", 1000, storage::now_ms() - 60'000);
    REQUIRE(a_claim);
    jobs::JobRun a(t.db(), *a_claim, "worker-a");
    a.load();
    auto b_claim = repo.claim("worker-b", 30'000, storage::now_ms());
    REQUIRE(b_claim);
    CHECK(b_claim->attempts == 2);
    jobs::JobRun b(t.db(), *b_claim, "worker-b");
    b.load();

    a.usage_sink().add(transcription_usage(30, "stale"));
    try {
      a.checkpoint("summarize", {{"summary", "stale"}}, 50);
      FAIL("a checkpoint passed the lease fence");
    } catch (const JobFailure& f) {
      CHECK(f.code == "job.lease_lost");
      CHECK_FALSE(f.retryable);
    }
    CHECK(a.cancelled());
    CHECK(a.stop_reason() == jobs::StopReason::kLeaseLost);
    CHECK_FALSE(a.complete({{"summary", "stale"}}));
    CHECK_FALSE(a.fail("x", "y", true));
    CHECK_FALSE(a.release());

    b.usage_sink().add(transcription_usage(30, "fresh"));
    b.checkpoint("summarize", {{"summary", "fresh"}}, 50);
    auto steps = storage::JobStepRepository(c).list("acme", created.id);
    REQUIRE(steps.size() == 1);
    CHECK(nlohmann::json::parse(steps[0].output_json)["summary"] == "fresh");
    CHECK(b.complete({{"summary", "fresh"}}));
    CHECK(storage::JobStepRepository(c).list("acme", created.id).empty());
    CHECK(usage_by_step(usage_of(t.db(), "acme", created.id)) ==
          std::map<std::string, int>{{"fresh", 1}});
  }
}

TEST_CASE("per-tenant concurrency: a tenant at its limit waits, others go") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    testing::set_job_limit(t.db(), "acme", 1);
    std::mutex mu;
    std::map<std::string, int> now_running, max_running;
    std::vector<std::string> finish_order;
    jobs::JobHandlers handlers;
    handlers.add("summary", [&](JobContext& ctx) {
      const std::string tenant = ctx.job().tenant_id;
      {
        std::lock_guard lock(mu);
        int n = ++now_running[tenant];
        max_running[tenant] = std::max(max_running[tenant], n);
      }
      std::this_thread::sleep_for(150ms);
      {
        std::lock_guard lock(mu);
        --now_running[tenant];
        finish_order.push_back(tenant);
      }
      return nlohmann::json{{"ok", true}};
    });
    jobs::JobService service(t.db(), handlers);
    std::vector<std::pair<std::string, std::string>> ids;
    // acme's backlog is older: a FIFO queue without limits would run it
    // first and hold every worker.
    for (int i = 0; i < 3; ++i)
      ids.push_back({"acme", service.create(job_of("acme", "summary")).id});
    for (int i = 0; i < 3; ++i)
      ids.push_back({"globex", service.create(job_of("globex", "summary")).id});

    // Two pools, as two processes would be.
    jobs::WorkerPool one(t.db(), handlers, fast_pool(2));
    jobs::WorkerPool two(t.db(), handlers, fast_pool(2));
    one.start();
    two.start();
    REQUIRE(eventually(
        [&] {
          for (auto& [tenant, id] : ids)
            if (!has_status(t.db(), tenant, id, JobStatus::kCompleted))
              return false;
          return true;
        },
        10s));
    one.stop(1s);
    two.stop(1s);

    std::lock_guard lock(mu);
    CHECK(max_running["acme"] == 1);
    CHECK(max_running["globex"] >= 2);
    // globex was not held up behind acme's queue.
    REQUIRE(finish_order.size() == 6);
    CHECK(finish_order.back() == "acme");
  }
}

TEST_CASE(
    "stop(grace): a job that finishes in time completes; one that does "
    "not goes back to the queue for another pool") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    std::atomic<bool> saw_stop{false};
    jobs::JobHandlers slow;
    slow.add("transcription", [&](JobContext& ctx) {
      ctx.usage_sink().add(transcription_usage(10, "partial"));
      while (!ctx.cancelled()) std::this_thread::sleep_for(5ms);
      saw_stop = true;
      throw JobFailure("job.stopped", "stopping", false);
      return nlohmann::json();
    });
    slow.add("summary", [&](JobContext&) {
      std::this_thread::sleep_for(100ms);
      return nlohmann::json{{"summary", "done in time"}};
    });
    jobs::JobService service(t.db(), slow);
    auto long_job = service.create(job_of("acme", "transcription"));
    auto short_job = service.create(job_of("acme", "summary"));

    jobs::WorkerPool first(t.db(), slow, fast_pool(2));
    first.start();
    REQUIRE(eventually([&] { return first.running_jobs() == 2; }, 3s));
    auto before = std::chrono::steady_clock::now();
    first.stop(300ms);
    auto took = std::chrono::steady_clock::now() - before;
    CHECK(took >= 300ms);
    CHECK(took < 2s);
    CHECK(saw_stop);

    CHECK(has_status(t.db(), "acme", short_job.id, JobStatus::kCompleted));
    auto released = find(t.db(), "acme", long_job.id);
    CHECK(released.status == JobStatus::kPending);
    CHECK(released.attempts == 0);  // the attempt was given back
    CHECK_FALSE(released.lease_owner);
    // The provider call the stopped run made is on record.
    CHECK(usage_by_step(usage_of(t.db(), "acme", long_job.id)) ==
          std::map<std::string, int>{{"partial", 1}});

    jobs::JobHandlers quick;
    quick.add("transcription", [](JobContext&) {
      return nlohmann::json{{"text", "hi"}};
    });
    jobs::WorkerPool second(t.db(), quick, fast_pool(1));
    second.start();
    REQUIRE(eventually(
        [&] {
          return has_status(t.db(), "acme", long_job.id, JobStatus::kCompleted);
        },
        3s));
    second.stop(1s);
    CHECK(find(t.db(), "acme", long_job.id).attempts == 1);
  }
}

TEST_CASE(
    "failures: retryable ones retry up to max_attempts, others end the "
    "job; internal errors are not shown") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    jobs::JobHandlers handlers;
    handlers.add("flaky", [](JobContext& ctx) {
      ctx.usage_sink().add(transcription_usage(1, "attempt"));
      if (ctx.job().attempts < 3)
        throw JobFailure("provider_unavailable", "upstream 503", true);
      return nlohmann::json{{"attempt", ctx.job().attempts}};
    });
    handlers.add("down", [](JobContext&) -> nlohmann::json {
      throw JobFailure("provider_unavailable", "upstream 503", true);
    });
    handlers.add("invalid", [](JobContext&) -> nlohmann::json {
      throw JobFailure("invalid_audio", "the upload is not audio", false);
    });
    handlers.add("buggy", [](JobContext&) -> nlohmann::json {
      throw std::runtime_error("map::at with key sk-live-51Hx secret");
    });
    jobs::JobService service(t.db(), handlers);
    auto flaky = service.create(job_of("acme", "flaky", 3));
    auto down = service.create(job_of("acme", "down", 2));
    auto invalid = service.create(job_of("acme", "invalid", 3));
    auto buggy = service.create(job_of("acme", "buggy", 3));

    jobs::WorkerPool pool(t.db(), handlers, fast_pool(2));
    pool.start();
    auto ended = [&](const storage::Job& j) {
      auto s = find(t.db(), "acme", j.id).status;
      return s == JobStatus::kCompleted || s == JobStatus::kFailed;
    };
    REQUIRE(eventually([&] {
      return ended(flaky) && ended(down) && ended(invalid) && ended(buggy);
    }));
    pool.stop(1s);

    auto f = find(t.db(), "acme", flaky.id);
    CHECK(f.status == JobStatus::kCompleted);
    CHECK(f.attempts == 3);
    CHECK(nlohmann::json::parse(*f.result_json)["attempt"] == 3);
    // Every attempt's provider call is on record, failed ones included.
    CHECK(usage_of(t.db(), "acme", flaky.id).size() == 3);

    auto d = find(t.db(), "acme", down.id);
    CHECK(d.status == JobStatus::kFailed);
    CHECK(d.attempts == 2);
    CHECK(d.error_code == "provider_unavailable");

    auto i = find(t.db(), "acme", invalid.id);
    CHECK(i.status == JobStatus::kFailed);
    CHECK(i.attempts == 1);
    CHECK(i.error_code == "invalid_audio");
    CHECK(i.error_message == "the upload is not audio");

    auto b = find(t.db(), "acme", buggy.id);
    CHECK(b.status == JobStatus::kFailed);
    CHECK(b.attempts == 1);
    CHECK(b.error_code == "internal_error");
    CHECK(b.error_message->find("sk-live") == std::string::npos);
    CHECK(b.error_message->find("map::at") == std::string::npos);
  }
}

TEST_CASE(
    "cancel while running: the handler sees cancelled(), the job stays "
    "CANCELLED, its calls are billed once") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    std::atomic<bool> started{false}, noticed{false};
    jobs::JobHandlers handlers;
    handlers.add("transcription", [&](JobContext& ctx) {
      ctx.usage_sink().add(transcription_usage(42, "before-cancel"));
      started = true;
      while (!ctx.cancelled()) std::this_thread::sleep_for(5ms);
      noticed = true;
      throw JobFailure("job.cancelled", "cancelled", false);
      return nlohmann::json();
    });
    jobs::JobService service(t.db(), handlers);
    auto created = service.create(job_of("acme", "transcription"));
    // Renewal every 150 ms: the cancel is noticed within that.
    jobs::WorkerPool pool(t.db(), handlers, fast_pool(1, 450ms));
    pool.start();
    REQUIRE(eventually([&] { return started.load(); }, 3s));
    service.cancel("acme", created.id);
    CHECK(eventually([&] { return noticed.load(); }, 2s));
    REQUIRE(eventually([&] { return pool.running_jobs() == 0; }, 2s));
    pool.stop(1s);

    auto job = find(t.db(), "acme", created.id);
    CHECK(job.status == JobStatus::kCancelled);
    CHECK_FALSE(job.result_json);
    CHECK(job.attempts == 1);
    CHECK(usage_by_step(usage_of(t.db(), "acme", created.id)) ==
          std::map<std::string, int>{{"before-cancel", 1}});
  }
}
