#include "jobs/webhook.hpp"

#include <cctype>
#include <iostream>
#include <stdexcept>

#include "jobs/job_time.hpp"
#include "net/egress.hpp"
#include "security/digest.hpp"
#include "storage/job_webhook_repository.hpp"
#include "storage/sql_dialect.hpp"

namespace aihost::jobs {
namespace {

using Clock = std::chrono::steady_clock;

nlohmann::json parsed_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

net::UpstreamPolicy policy_for(const WebhookOptions& options) {
  net::UpstreamPolicy policy;
  const int timeout = static_cast<int>(options.timeout.count());
  policy.connect_timeout_ms = timeout;
  policy.read_timeout_ms = timeout;
  policy.total_timeout_ms = timeout;
  // Attempts are counted and spaced here, durably, not inside one send.
  policy.max_retries = 0;
  policy.max_response_bytes = 64 << 10;
  policy.max_idle_per_origin = 2;
  return policy;
}

}  // namespace

std::string webhook_secret(std::string_view master_key,
                           const std::string& tenant_id) {
  return security::to_hex(
      security::hmac_sha256(master_key, "webhook:" + tenant_id));
}

std::string webhook_signature(std::string_view secret, int64_t unix_seconds,
                              std::string_view body) {
  std::string t = std::to_string(unix_seconds);
  std::string signed_text = t + "." + std::string(body);
  return "t=" + t +
         ",v1=" + security::to_hex(security::hmac_sha256(secret, signed_text));
}

const char* webhook_event(storage::JobStatus status) {
  switch (status) {
    case storage::JobStatus::kCompleted:
      return "job.completed";
    case storage::JobStatus::kFailed:
      return "job.failed";
    case storage::JobStatus::kCancelled:
      return "job.cancelled";
    default:
      return "job.updated";
  }
}

nlohmann::json webhook_payload(const storage::Job& job) {
  // Lower case, as the job API shows it.
  std::string status = storage::job_status_name(job.status);
  for (char& c : status) c = static_cast<char>(std::tolower(c));
  nlohmann::json body = {
      {"id", job.id},
      {"status", status},
      {"job_type", job.job_type},
      {"created_at", rfc3339_utc(job.created_at_ms)},
      {"completed_at", job.completed_at_ms
                           ? nlohmann::json(rfc3339_utc(*job.completed_at_ms))
                           : nlohmann::json(nullptr)}};
  if (job.status == storage::JobStatus::kCompleted) {
    body["result"] = parsed_or_null(job.result_json);
  } else if (job.status == storage::JobStatus::kCancelled) {
    body["error"] = {{"code", "job_cancelled"},
                     {"message", "the job was cancelled"}};
  } else {
    body["error"] = {{"code", job.error_code.value_or("internal_error")},
                     {"message", job.error_message.value_or("")}};
  }
  return body;
}

WebhookSender::WebhookSender(storage::Database& db, security::Secret master_key,
                             WebhookOptions options,
                             std::shared_ptr<JobEvents> events)
    : db_(db),
      master_key_(std::move(master_key)),
      options_(std::move(options)),
      events_(events ? std::move(events) : std::make_shared<JobEvents>()),
      egress_(std::make_unique<net::Egress>(policy_for(options_))) {
  if (master_key_.empty())
    throw std::invalid_argument("the webhook master key is empty");
  if (options_.max_attempts < 1)
    throw std::invalid_argument("webhooks need at least one attempt");
  if (options_.backoff.empty())
    options_.backoff.push_back(std::chrono::seconds(5));
}

WebhookSender::~WebhookSender() { stop(); }

void WebhookSender::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void WebhookSender::stop() {
  {
    std::lock_guard lock(mu_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  events_->notify();
  thread_.join();
}

void WebhookSender::loop() {
  for (;;) {
    uint64_t seen = events_->generation();
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    try {
      deliver_due();
    } catch (const std::exception& e) {
      std::cerr << "aihost: webhooks: " << e.what() << std::endl;
    }
    // A retry due sooner than the poll interval still waits for the next
    // poll; the backoffs are seconds, the poll interval a fraction of that.
    events_->wait_after(seen, Clock::now() + options_.poll);
  }
}

int WebhookSender::deliver_due() {
  int attempts = 0;
  const int64_t lease_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.timeout)
              .count() *
          2 +
      1000;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stopping_ && thread_.joinable()) break;
    }
    std::optional<storage::Job> job;
    {
      storage::Connection c = db_.connect();
      storage::JobWebhookRepository hooks(c);
      hooks.fail_exhausted(options_.max_attempts, storage::now_ms());
      job = hooks.claim(options_.max_attempts, lease_ms, storage::now_ms());
    }
    if (!job) break;
    ++attempts;
    const int attempt = job->webhook_attempts;
    const int status = send(*job, attempt);
    const bool delivered = status >= 200 && status < 300;
    std::optional<int64_t> retry_at;
    if (!delivered && attempt < options_.max_attempts) {
      size_t i = std::min<size_t>(attempt - 1, options_.backoff.size() - 1);
      retry_at = storage::now_ms() + options_.backoff[i].count();
    }
    storage::Connection c = db_.connect();
    storage::JobWebhookRepository(c).record(
        job->tenant_id, job->id, attempt, delivered,
        status ? std::optional<int>(status) : std::nullopt, retry_at,
        storage::now_ms());
    if (!delivered)
      std::cerr << "aihost: webhooks: job " << job->id << " attempt " << attempt
                << " "
                << (status ? "answered " + std::to_string(status)
                           : std::string("got no answer"))
                << (retry_at ? ", will retry" : ", giving up") << std::endl;
  }
  return attempts;
}

int WebhookSender::send(const storage::Job& job, int attempt) {
  const std::string body = webhook_payload(job).dump();
  const int64_t t = storage::now_ms() / 1000;
  net::Request request;
  request.method = "POST";
  request.url = *job.webhook_url;
  request.body = body;
  request.headers = {
      {"Content-Type", "application/json"},
      {"User-Agent", "aihost-webhooks/1"},
      {"x-aihost-event", webhook_event(job.status)},
      {"x-aihost-delivery", job.id + "." + std::to_string(attempt)},
      {"x-aihost-signature",
       webhook_signature(webhook_secret(master_key_.reveal(), job.tenant_id), t,
                         body)}};
  int status = 0;
  net::Sink sink;
  sink.on_head = [&](int s, const std::vector<net::Header>&) {
    status = s;
    return true;
  };
  sink.on_body = [](std::string_view) { return true; };
  net::CallControl control;
  control.deadline = Clock::now() + options_.timeout;
  if (egress_->send(request, sink, control)) return 0;
  return status;
}

}  // namespace aihost::jobs
