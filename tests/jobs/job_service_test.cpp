// JobService: creating, reading, listing, cancelling and waiting on jobs,
// always within one tenant.
#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include "job_fixture.hpp"
#include "jobs/job_cursor.hpp"
#include "jobs/job_error.hpp"
#include "jobs/job_service.hpp"
#include "storage/job_input_repository.hpp"
#include "storage/job_repository.hpp"
#include "storage/sql_dialect.hpp"

using namespace aihost;
using namespace std::chrono_literals;
using jobs::JobError;
using storage::JobStatus;
using testing::JobDb;
using testing::test_engines;

namespace {

jobs::JobHandlers known_types() {
  jobs::JobHandlers h;
  h.add("transcription", [](jobs::JobContext&) { return nlohmann::json(); });
  h.add("summary", [](jobs::JobContext&) { return nlohmann::json(); });
  return h;
}

jobs::NewJobRequest request(const std::string& tenant,
                            const std::string& type) {
  jobs::NewJobRequest r;
  r.tenant_id = tenant;
  r.job_type = type;
  r.input = {{"language", "en"}};
  return r;
}

template <class F>
std::string error_code(F&& f) {
  try {
    f();
  } catch (const JobError& e) {
    return e.code;
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("job service: create and get, with a blob and a webhook") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    auto handlers = known_types();
    jobs::JobService service(t.db(), handlers);

    auto r = request("acme", "transcription");
    r.blob = std::string("RIFF\0\0\0\0WAVEfmt ", 16);
    r.media_type = "audio/wav";
    r.webhook_url = "https://hooks.example.com/aihost?token=abc";
    r.request_id = "req-123";
    r.max_attempts = 5;
    storage::Job job = service.create(r);
    CHECK(job.status == JobStatus::kPending);
    CHECK(job.tenant_id == "acme");
    CHECK(job.max_attempts == 5);
    CHECK(job.request_id == "req-123");
    CHECK(job.webhook_url == r.webhook_url);
    CHECK_FALSE(job.webhook_state);
    CHECK(nlohmann::json::parse(job.input_json) == r.input);

    auto again = service.get("acme", job.id);
    CHECK(again.id == job.id);
    storage::Connection c = t.db().connect();
    auto blob = storage::JobInputRepository(c).find("acme", job.id);
    REQUIRE(blob);
    CHECK(blob->data == *r.blob);
    CHECK(blob->media_type == "audio/wav");

    // Another tenant finds nothing: not the job, not its bytes.
    CHECK(error_code([&] { service.get("globex", job.id); }) ==
          "job_not_found");
    CHECK(error_code([&] { service.get("acme", "no-such-id"); }) ==
          "job_not_found");
    CHECK_FALSE(storage::JobInputRepository(c).find("globex", job.id));
  }
}

TEST_CASE("job service: bad requests are refused with stable codes") {
  JobDb t(storage::Engine::kSqlite);
  auto handlers = known_types();
  jobs::JobService service(t.db(), handlers, {3, 1024});

  CHECK(error_code([&] { service.create(request("acme", "coaching")); }) ==
        "unsupported_job_type");
  CHECK(error_code([&] { service.create(request("", "summary")); }) ==
        "invalid_request");
  auto array_input = request("acme", "summary");
  array_input.input = nlohmann::json::array();
  CHECK(error_code([&] { service.create(array_input); }) == "invalid_request");
  auto attempts = request("acme", "summary");
  attempts.max_attempts = 0;
  CHECK(error_code([&] { service.create(attempts); }) == "invalid_request");

  auto big = request("acme", "transcription");
  big.blob = std::string(1025, 'x');
  big.media_type = "audio/wav";
  CHECK(error_code([&] { service.create(big); }) == "invalid_request");
  auto empty = request("acme", "transcription");
  empty.blob = std::string();
  empty.media_type = "audio/wav";
  CHECK(error_code([&] { service.create(empty); }) == "invalid_request");
  auto untyped = request("acme", "transcription");
  untyped.blob = "abc";
  CHECK(error_code([&] { service.create(untyped); }) == "invalid_request");

  for (const char* url :
       {"ftp://hooks.example.com/x", "file:///etc/passwd", "hooks.example.com",
        "https://user:pw@hooks.example.com/x", "https:///nohost",
        "https://hooks.example.com/a b", "https://hooks.example.com/#frag",
        "javascript:alert(1)", ""}) {
    CAPTURE(url);
    auto r = request("acme", "summary");
    r.webhook_url = url;
    CHECK(error_code([&] { service.create(r); }) == "invalid_webhook_url");
  }
  auto long_url = request("acme", "summary");
  long_url.webhook_url = "https://hooks.example.com/" + std::string(2100, 'a');
  CHECK(error_code([&] { service.create(long_url); }) == "invalid_webhook_url");
  auto plain_http = request("acme", "summary");
  plain_http.webhook_url = "http://127.0.0.1:9/hook";
  CHECK_NOTHROW(service.create(plain_http));

  // Nothing refused was written.
  CHECK(service.list("acme", {}).jobs.size() == 1);
}

TEST_CASE("job service: list filters and cursor pages, per tenant") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    auto handlers = known_types();
    jobs::JobService service(t.db(), handlers);
    std::set<std::string> acme_ids;
    for (int i = 0; i < 7; ++i)
      acme_ids.insert(
          service.create(request("acme", i < 4 ? "transcription" : "summary"))
              .id);
    service.create(request("globex", "summary"));

    std::set<std::string> seen;
    jobs::JobListRequest page_request;
    page_request.limit = 3;
    int pages = 0;
    for (;;) {
      auto page = service.list("acme", page_request);
      ++pages;
      for (const auto& j : page.jobs) {
        CHECK(j.tenant_id == "acme");
        CHECK(seen.insert(j.id).second);  // never twice
      }
      if (!page.next_cursor) break;
      CHECK(page.jobs.size() == 3);
      page_request.cursor = page.next_cursor;
    }
    CHECK(pages == 3);
    CHECK(seen == acme_ids);

    jobs::JobListRequest summaries;
    summaries.filter.job_type = "summary";
    CHECK(service.list("acme", summaries).jobs.size() == 3);
    jobs::JobListRequest all;
    all.limit = 100;
    auto everything = service.list("acme", all);
    CHECK(everything.jobs.size() == 7);
    CHECK_FALSE(everything.next_cursor);
    // A page exactly full has no next cursor either.
    all.limit = 7;
    CHECK_FALSE(service.list("acme", all).next_cursor);

    jobs::JobListRequest newest_first;
    newest_first.filter.created_after_ms = storage::now_ms() + 60'000;
    CHECK(service.list("acme", newest_first).jobs.empty());

    CHECK(service.list("globex", {}).jobs.size() == 1);

    jobs::JobListRequest bad;
    bad.limit = 101;
    CHECK(error_code([&] { service.list("acme", bad); }) == "invalid_request");
    bad.limit = 0;
    CHECK(error_code([&] { service.list("acme", bad); }) == "invalid_request");
    for (const char* cursor :
         {"", "not-a-cursor", "ajE6MTIzOng", "%%%",
          "ajE6LTE6MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3OA"}) {
      CAPTURE(cursor);
      jobs::JobListRequest r;
      r.cursor = cursor;
      CHECK(error_code([&] { service.list("acme", r); }) == "invalid_cursor");
    }
  }
}

TEST_CASE("job cursors round-trip and are URL-safe") {
  storage::JobListPosition p{1767225600123,
                             "0f8e2b8a-3c4d-4e5f-8a9b-0c1d2e3f4a5b"};
  std::string cursor = jobs::encode_cursor(p);
  CHECK(cursor.find_first_of("+/=") == std::string::npos);
  auto back = jobs::decode_cursor(cursor);
  CHECK(back.created_at_ms == p.created_at_ms);
  CHECK(back.id == p.id);
}

TEST_CASE("job service: cancel, only within the tenant, only while open") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    auto handlers = known_types();
    jobs::JobService service(t.db(), handlers);
    auto job = service.create(request("acme", "summary"));

    CHECK(error_code([&] { service.cancel("globex", job.id); }) ==
          "job_not_found");
    CHECK(service.get("acme", job.id).status == JobStatus::kPending);

    auto cancelled = service.cancel("acme", job.id);
    CHECK(cancelled.status == JobStatus::kCancelled);
    CHECK(cancelled.completed_at_ms);
    CHECK(error_code([&] { service.cancel("acme", job.id); }) ==
          "job_already_finished");
    CHECK(error_code([&] { service.cancel("acme", "missing"); }) ==
          "job_not_found");

    jobs::JobListRequest cancelled_only;
    cancelled_only.filter.status = JobStatus::kCancelled;
    CHECK(service.list("acme", cancelled_only).jobs.size() == 1);
    CHECK(service.list("globex", cancelled_only).jobs.empty());
  }
}

TEST_CASE("job service: wait returns when the job ends, or at the timeout") {
  JobDb t(storage::Engine::kSqlite);
  auto handlers = known_types();
  jobs::JobService service(t.db(), handlers);
  auto job = service.create(request("acme", "summary"));

  auto start = std::chrono::steady_clock::now();
  auto still = service.wait("acme", job.id, 150ms);
  auto waited = std::chrono::steady_clock::now() - start;
  CHECK(still.status == JobStatus::kPending);
  CHECK(waited >= 150ms);
  CHECK(waited < 1500ms);

  // A worker of another process: it writes the database only, and the
  // waiter finds out by polling.
  std::thread other_process([&] {
    std::this_thread::sleep_for(100ms);
    storage::Connection c = t.db().connect();
    storage::JobRepository jobs(c);
    auto claimed = jobs.claim("elsewhere", 30'000, storage::now_ms());
    REQUIRE(claimed);
    jobs.complete("acme", job.id, "elsewhere", R"({"summary":"short"})",
                  storage::now_ms());
  });
  start = std::chrono::steady_clock::now();
  auto done = service.wait("acme", job.id, 5s);
  waited = std::chrono::steady_clock::now() - start;
  other_process.join();
  CHECK(done.status == JobStatus::kCompleted);
  CHECK(nlohmann::json::parse(*done.result_json)["summary"] == "short");
  CHECK(waited < 2s);

  CHECK(error_code([&] { service.wait("globex", job.id, 10ms); }) ==
        "job_not_found");
}
