// Webhooks to a fake receiver on 127.0.0.1: the event, the payload, a
// signature checked with an HMAC written here from SHA-256 alone, retries
// after a 500, and giving up after the last attempt.
#include <Poco/SHA2Engine.h>
#include <catch2/catch.hpp>

#include <thread>

#include "fakes/fake_server.hpp"
#include "job_fixture.hpp"
#include "jobs/job_service.hpp"
#include "jobs/webhook.hpp"
#include "jobs/worker_pool.hpp"
#include "storage/job_repository.hpp"

using namespace aihost;
using namespace std::chrono_literals;
using fakes::FakeRequest;
using fakes::FakeResponse;
using fakes::FakeServer;
using storage::JobStatus;
using testing::eventually;
using testing::JobDb;
using testing::test_engines;

namespace {

constexpr const char* kMasterKey = "service-webhook-master-key-for-tests";

std::string sha256_raw(const std::string& data) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(data);
  const auto& d = engine.digest();
  return std::string(d.begin(), d.end());
}

// RFC 2104 over SHA-256 (block 64), independent of the product's HMAC.
std::string hmac_hex(std::string key, const std::string& message) {
  if (key.size() > 64) key = sha256_raw(key);
  key.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (int i = 0; i < 64; ++i) {
    inner[i] = static_cast<char>(key[i] ^ 0x36);
    outer[i] = static_cast<char>(key[i] ^ 0x5c);
  }
  std::string mac = sha256_raw(outer + sha256_raw(inner + message));
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : mac) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

// What a receiver does with x-aihost-signature.
bool signature_valid(const FakeRequest& r, const std::string& tenant) {
  auto header = r.header("x-aihost-signature");
  if (!header) return false;
  auto comma = header->find(",v1=");
  if (header->rfind("t=", 0) != 0 || comma == std::string::npos) return false;
  std::string t = header->substr(2, comma - 2);
  std::string v1 = header->substr(comma + 4);
  const std::string secret = hmac_hex(kMasterKey, "webhook:" + tenant);
  const long long age = std::time(nullptr) - std::stoll(t);
  return v1 == hmac_hex(secret, t + "." + r.body) && age >= 0 && age < 60;
}

jobs::WebhookOptions fast_webhooks() {
  jobs::WebhookOptions o;
  o.backoff = {150ms};
  o.poll = 20ms;
  o.timeout = 2s;
  return o;
}

jobs::WorkerPoolOptions fast_pool() {
  jobs::WorkerPoolOptions o;
  o.workers = 1;
  o.lease = 1500ms;
  o.idle_poll = 20ms;
  return o;
}

storage::Job find(storage::Database& db, const std::string& tenant,
                  const std::string& id) {
  storage::Connection c = db.connect();
  auto job = storage::JobRepository(c).find(tenant, id);
  REQUIRE(job);
  return *job;
}

}  // namespace

TEST_CASE("webhook secrets are per tenant and signatures match RFC 2104") {
  const std::string acme = jobs::webhook_secret(kMasterKey, "acme");
  CHECK(acme.size() == 64);
  CHECK(acme == hmac_hex(kMasterKey, "webhook:acme"));
  CHECK(acme != jobs::webhook_secret(kMasterKey, "globex"));
  CHECK(acme != jobs::webhook_secret("another-master-key", "acme"));
  CHECK(jobs::webhook_signature(acme, 1767225600, R"({"id":"x"})") ==
        "t=1767225600,v1=" + hmac_hex(acme, R"(1767225600.{"id":"x"})"));
}

TEST_CASE(
    "a completed job's webhook is signed, retried after a 500, and "
    "delivered") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    std::atomic<int> calls{0};
    FakeServer receiver([&](const FakeRequest& r) {
      if (r.method != "POST" || r.path != "/hooks/aihost")
        return FakeResponse::json(404, R"({"error":"no route"})");
      if (++calls == 1)
        return FakeResponse::json(500, R"({"error":"receiver restarting"})");
      return FakeResponse::json(200, R"({"received":true})");
    });
    jobs::JobHandlers handlers;
    handlers.add("summary", [](jobs::JobContext&) {
      return nlohmann::json{{"summary", "customer asked for a refund"}};
    });
    auto events = std::make_shared<jobs::JobEvents>();
    jobs::JobService service(t.db(), handlers, {}, events);
    jobs::NewJobRequest r;
    r.tenant_id = "acme";
    r.job_type = "summary";
    r.webhook_url = receiver.base_url() + "/hooks/aihost?source=test";
    auto created = service.create(r);

    jobs::WorkerPool pool(t.db(), handlers, fast_pool(), events);
    jobs::WebhookSender sender(t.db(), security::Secret(kMasterKey),
                               fast_webhooks(), events);
    pool.start();
    sender.start();
    REQUIRE(eventually([&] {
      return find(t.db(), "acme", created.id).webhook_state == "DELIVERED";
    }));
    sender.stop();
    pool.stop(1s);

    auto requests = receiver.requests();
    REQUIRE(requests.size() == 2);
    for (const auto& req : requests) {
      CHECK(req.target == "/hooks/aihost?source=test");
      CHECK(req.header("content-type") == "application/json");
      CHECK(req.header("x-aihost-event") == "job.completed");
      CHECK(signature_valid(req, "acme"));
      CHECK_FALSE(signature_valid(req, "globex"));
      auto body = nlohmann::json::parse(req.body);
      CHECK(body["id"] == created.id);
      CHECK(body["status"] == "completed");
      CHECK(body["job_type"] == "summary");
      CHECK(body["result"]["summary"] == "customer asked for a refund");
      CHECK_FALSE(body.contains("error"));
      CHECK(body["created_at"].get<std::string>().back() == 'Z');
      CHECK(body["completed_at"].is_string());
    }
    CHECK(requests[0].header("x-aihost-delivery") == created.id + ".1");
    CHECK(requests[1].header("x-aihost-delivery") == created.id + ".2");
    // A tampered body no longer matches.
    auto tampered = requests[1];
    tampered.body.replace(tampered.body.find("refund"), 6, "rebate");
    CHECK_FALSE(signature_valid(tampered, "acme"));

    auto job = find(t.db(), "acme", created.id);
    CHECK(job.webhook_attempts == 2);
    CHECK(job.webhook_status == 200);
  }
}

TEST_CASE(
    "webhooks for failed and cancelled jobs; a receiver that never "
    "answers 2xx gets three attempts") {
  JobDb t(storage::Engine::kSqlite);
  FakeServer receiver([](const FakeRequest& r) {
    if (r.path == "/down") return FakeResponse::json(503, "{}");
    return FakeResponse::json(204, "");
  });
  jobs::JobHandlers handlers;
  handlers.add("summary", [](jobs::JobContext&) -> nlohmann::json {
    throw jobs::JobFailure("invalid_transcript", "the transcript is empty",
                           false);
  });
  handlers.add("transcription",
               [](jobs::JobContext&) { return nlohmann::json::object(); });
  jobs::JobService service(t.db(), handlers);
  jobs::NewJobRequest failing;
  failing.tenant_id = "globex";
  failing.job_type = "summary";
  failing.webhook_url = receiver.base_url() + "/ok";
  auto failed = service.create(failing);
  jobs::NewJobRequest to_cancel;
  to_cancel.tenant_id = "acme";
  to_cancel.job_type = "transcription";
  to_cancel.webhook_url = receiver.base_url() + "/down";
  auto cancelled = service.cancel("acme", service.create(to_cancel).id);

  jobs::WorkerPool pool(t.db(), handlers, fast_pool());
  jobs::WebhookSender sender(t.db(), security::Secret(kMasterKey),
                             fast_webhooks());
  pool.start();
  REQUIRE(eventually([&] {
    return find(t.db(), "globex", failed.id).status == JobStatus::kFailed;
  }));
  pool.stop(1s);
  // Driven by hand here: each pass sends what is due.
  REQUIRE(eventually(
      [&] {
        sender.deliver_due();
        return find(t.db(), "globex", failed.id).webhook_state == "DELIVERED" &&
               find(t.db(), "acme", cancelled.id).webhook_state == "FAILED";
      },
      5s));

  std::vector<FakeRequest> ok, down;
  for (const auto& r : receiver.requests())
    (r.path == "/ok" ? ok : down).push_back(r);
  REQUIRE(ok.size() == 1);
  CHECK(ok[0].header("x-aihost-event") == "job.failed");
  CHECK(signature_valid(ok[0], "globex"));
  auto body = nlohmann::json::parse(ok[0].body);
  CHECK(body["status"] == "failed");
  CHECK(body["error"]["code"] == "invalid_transcript");
  CHECK(body["error"]["message"] == "the transcript is empty");
  CHECK_FALSE(body.contains("result"));

  REQUIRE(down.size() == 3);
  for (const auto& r : down) {
    CHECK(r.header("x-aihost-event") == "job.cancelled");
    CHECK(signature_valid(r, "acme"));
    CHECK(nlohmann::json::parse(r.body)["error"]["code"] == "job_cancelled");
  }
  auto gave_up = find(t.db(), "acme", cancelled.id);
  CHECK(gave_up.webhook_attempts == 3);
  CHECK(gave_up.webhook_status == 503);
  // Nothing more is sent once it has failed.
  CHECK(sender.deliver_due() == 0);
}

TEST_CASE("a webhook to a closed port is retried, then given up") {
  JobDb t(storage::Engine::kSqlite);
  std::string url;
  {
    FakeServer gone(
        [](const FakeRequest&) { return FakeResponse::json(200, ""); });
    url = gone.base_url() + "/hook";
  }
  jobs::JobHandlers handlers;
  handlers.add("summary",
               [](jobs::JobContext&) { return nlohmann::json::object(); });
  jobs::JobService service(t.db(), handlers);
  jobs::NewJobRequest r;
  r.tenant_id = "acme";
  r.job_type = "summary";
  r.webhook_url = url;
  auto job = service.cancel("acme", service.create(r).id);
  jobs::WebhookSender sender(t.db(), security::Secret(kMasterKey),
                             fast_webhooks());
  REQUIRE(eventually(
      [&] {
        sender.deliver_due();
        return find(t.db(), "acme", job.id).webhook_state == "FAILED";
      },
      5s));
  auto after = find(t.db(), "acme", job.id);
  CHECK(after.webhook_attempts == 3);
  CHECK_FALSE(after.webhook_status);
  CHECK_THROWS_AS(jobs::WebhookSender(t.db(), security::Secret(""), {}),
                  std::invalid_argument);
}

TEST_CASE(
    "a job whose last lease expired ends FAILED and its webhook is "
    "scheduled by a pool's sweep") {
  for (auto engine : test_engines()) {
    CAPTURE(storage::engine_name(engine));
    JobDb t(engine);
    jobs::JobHandlers handlers;
    handlers.add("summary",
                 [](jobs::JobContext&) { return nlohmann::json::object(); });
    jobs::JobService service(t.db(), handlers);
    jobs::NewJobRequest r;
    r.tenant_id = "acme";
    r.job_type = "summary";
    r.max_attempts = 1;
    r.webhook_url = "https://hooks.example.com/aihost";
    auto created = service.create(r);
    {
      // Its only attempt's worker died a minute ago.
      storage::Connection c = t.db().connect();
      REQUIRE(storage::JobRepository(c).claim("dead", 1000,
                                              storage::now_ms() - 60'000));
    }
    auto options = fast_pool();
    options.lease = 450ms;  // the sweep runs every 150 ms
    jobs::WorkerPool pool(t.db(), handlers, options);
    pool.start();
    REQUIRE(eventually([&] {
      return find(t.db(), "acme", created.id).webhook_state == "PENDING";
    }));
    pool.stop(1s);
    auto job = find(t.db(), "acme", created.id);
    CHECK(job.status == JobStatus::kFailed);
    CHECK(job.error_code == "job.lease_expired");
    CHECK(job.attempts == 1);
  }
}
