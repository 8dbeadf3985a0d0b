// Webhooks: when a job with a webhook_url ends, its tenant's endpoint gets
//
//   POST <webhook_url>
//   content-type: application/json
//   x-aihost-event: job.completed | job.failed | job.cancelled
//   x-aihost-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
//                       "<t>.<body>")>
//   x-aihost-delivery: <job id>.<attempt>
//   {"id","status","job_type","result"|"error","created_at","completed_at"}
//   (status in lower case and RFC 3339 times, as the job API shows them)
//
// The tenant's secret is derived, never stored: hex HMAC-SHA256(service
// webhook master key, "webhook:" + tenant id); the hex text is the HMAC key
// the receiver uses. A receiver should also refuse a `t` far from its clock
// (replays).
//
// Delivery state lives on the job row (JobWebhookRepository), so a delivery
// survives a restart and any process may send it: up to `max_attempts`
// attempts, `backoff` apart; any 2xx is delivered, anything else is retried.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobs/job_events.hpp"
#include "security/secret.hpp"
#include "storage/database.hpp"
#include "storage/job_repository.hpp"

namespace aihost::net {
class Egress;
}

namespace aihost::jobs {

// Hex HMAC-SHA256(master_key, "webhook:" + tenant_id).
std::string webhook_secret(std::string_view master_key,
                           const std::string& tenant_id);
// "t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>"
std::string webhook_signature(std::string_view secret, int64_t unix_seconds,
                              std::string_view body);
// "job.completed", "job.failed", "job.cancelled".
const char* webhook_event(storage::JobStatus status);
nlohmann::json webhook_payload(const storage::Job& job);

struct WebhookOptions {
  int max_attempts = 3;
  // Wait before attempt 2, 3, ... (the last entry repeats).
  std::vector<std::chrono::milliseconds> backoff = {std::chrono::seconds(5),
                                                    std::chrono::seconds(30)};
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
  // How often the database is checked for due deliveries made elsewhere.
  std::chrono::milliseconds poll = std::chrono::seconds(1);
};

class WebhookSender {
 public:
  // `master_key` must not be empty (std::invalid_argument).
  WebhookSender(storage::Database& db, security::Secret master_key,
                WebhookOptions options = {},
                std::shared_ptr<JobEvents> events = nullptr);
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // A thread that sends due deliveries until stop().
  void start();
  void stop();

  // Sends every delivery due now, one attempt each; returns how many
  // attempts were made. Safe beside start()ed senders in any process.
  int deliver_due();

 private:
  // The HTTP status of the answer, 0 when none arrived.
  int send(const storage::Job& job, int attempt);
  void loop();

  storage::Database& db_;
  security::Secret master_key_;
  WebhookOptions options_;
  std::shared_ptr<JobEvents> events_;
  std::unique_ptr<net::Egress> egress_;
  std::mutex mu_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aihost::jobs
