#include "e2e_stack.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

namespace aihost::testing {

using nlohmann::json;

namespace {

// 32 bytes of key material, base64: the store's master key for these runs.
constexpr const char* kMasterKeys =
    "e2e1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string Reply::code() const {
  if (json.is_object() && json.contains("error") && json["error"].is_object())
    return json["error"].value("code", "");
  return "";
}

Reply http_call(int port, const Request& request) {
  Poco::Net::HTTPClientSession session("127.0.0.1",
                                       static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest req(request.method, request.path,
                             Poco::Net::HTTPMessage::HTTP_1_1);
  if (!request.bearer.empty())
    req.set("Authorization", "Bearer " + request.bearer);
  for (const auto& [k, v] : request.headers) req.set(k, v);
  if (!request.content_type.empty()) req.setContentType(request.content_type);
  if (request.method != "GET" || !request.body.empty())
    req.setContentLength(static_cast<std::streamsize>(request.body.size()));
  session.sendRequest(req) << request.body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply r;
  r.status = static_cast<int>(response.getStatus());
  r.reason = response.getReason();
  for (const auto& [k, v] : response) r.headers[lower(k)] = v;
  Poco::StreamCopier::copyToString(in, r.text);
  if (response.getContentType().rfind("application/json", 0) == 0)
    r.json = json::parse(r.text, nullptr, false);
  return r;
}

Stack::Stack(StackOptions options) : options_(std::move(options)) {
  db_ = open_test_database(options_.engine);
  openai.set_chat_responder(
      [this](const json& body) { return model.answer(body); });
  serve_ = std::make_unique<Child>(
      std::vector<std::string>{aihost_binary(), "serve", "--listen",
                               "127.0.0.1:0"},
      RunOptions{"", environment(), {}, 20000});
  auto line = serve_->read_line(20000);
  INFO(serve_->err());
  REQUIRE(line);
  const std::string prefix = "listening on http://127.0.0.1:";
  REQUIRE(line->rfind(prefix, 0) == 0);
  port_ = std::stoi(line->substr(prefix.size()));
}

Stack::~Stack() {
  if (serve_) {
    serve_->signal(SIGTERM);
    serve_->wait(20000);
  }
}

std::map<std::string, std::string> Stack::environment() const {
  std::map<std::string, std::string> env = {
      {"AI_DATABASE_URL", db_->url()},
      {"AI_ADMIN_TOKEN", kAdminToken},
      {"AI_API_KEY_PEPPER", "e2e-pepper-0123456789"},
      {"AI_ENCRYPTION_KEYS", kMasterKeys},
      {"AI_WEBHOOK_SECRET", "e2e-webhook-master-0123"},
      {"AI_REGISTRY", AIHOST_SOURCE_DIR "/config/providers.yaml"},
      {"AI_PRICES", AIHOST_SOURCE_DIR "/config/prices.yaml"},
      {"AI_TASKS", AIHOST_SOURCE_DIR "/config/tasks"},
      {"AIHOST_PLUGIN_DIR", AIHOST_PLUGIN_DIR},
      {"AIHOST_OPENAI_BASE_URL", openai.base_url()},
      {"AIHOST_DEEPGRAM_BASE_URL", deepgram.base_url()},
      {"AI_OPENAI_API_KEY", kOpenAiKey},
      {"AI_DEEPGRAM_API_KEY", kDeepgramKey},
      {"AI_DEFAULT_PII_PROVIDER", "local-pii"},
      {"AI_WORKERS", std::to_string(options_.workers)},
      {"AI_JOB_LEASE_SECONDS", std::to_string(options_.lease_seconds)},
      {"AI_LOG_LEVEL", "information"},
  };
  for (const auto& [k, v] : options_.env) env[k] = v;
  return env;
}

Reply Stack::call(const Request& request) const {
  return http_call(port_, request);
}

Reply Stack::get(const std::string& path, const std::string& bearer) const {
  return call({"GET", path, "", "", bearer, {}});
}

Reply Stack::post_json(const std::string& path, const json& body,
                       const std::string& bearer) const {
  return call({"POST", path, body.dump(), "application/json", bearer, {}});
}

Reply Stack::admin(const std::string& method, const std::string& path,
                   const json& body) const {
  Request r{method, path, "", "", kAdminToken, {}};
  if (!body.is_null()) {
    r.body = body.dump();
    r.content_type = "application/json";
  }
  return call(r);
}

std::string Stack::create_tenant(const std::string& id, const json& features) {
  auto created = admin("POST", "/admin/v1/tenants",
                       {{"id", id}, {"name", "Tenant " + id}});
  INFO(created.text);
  REQUIRE(created.status == 201);
  json f = {{"transcription", true},
            {"pii", true},
            {"summary", true},
            {"sentiment", true},
            {"coaching", true}};
  if (features.is_object())
    for (const auto& [k, v] : features.items()) f[k] = v;
  auto set = admin("PUT", "/admin/v1/tenants/" + id + "/features", f);
  INFO(set.text);
  REQUIRE(set.status == 200);
  auto key =
      admin("POST", "/admin/v1/tenants/" + id + "/keys", {{"label", "e2e"}});
  INFO(key.text);
  REQUIRE(key.status == 201);
  return key.json["key"].get<std::string>();
}

std::vector<json> Stack::follow_job(const std::string& id,
                                    const std::string& bearer,
                                    int timeout_ms) const {
  std::vector<json> seen;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    auto r = get("/v1/jobs/" + id, bearer);
    REQUIRE(r.status == 200);
    const json& job = r.json;
    if (seen.empty() || seen.back()["progress"] != job["progress"] ||
        seen.back()["current_step"] != job["current_step"] ||
        seen.back()["status"] != job["status"])
      seen.push_back(job);
    const std::string status = job["status"];
    if (status == "completed" || status == "failed" || status == "cancelled")
      return seen;
    if (std::chrono::steady_clock::now() > deadline) {
      FAIL("job " << id << " did not end; last: " << job.dump()
                  << "\nserver log:\n"
                  << serve_->err());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::unique_ptr<Child> Stack::start_worker(int workers) const {
  auto env = environment();
  env["AI_WORKERS"] = std::to_string(workers);
  return std::make_unique<Child>(
      std::vector<std::string>{aihost_binary(), "worker"},
      RunOptions{"", env, {}, 20000});
}

json Stack::usage_report(const std::string& query) const {
  auto r = admin("GET", "/admin/v1/usage?" + query);
  INFO(r.text);
  REQUIRE(r.status == 200);
  return r.json;
}

}  // namespace aihost::testing
