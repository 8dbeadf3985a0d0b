#include "fakes/fake_presidio.hpp"

#include <strings.h>

namespace aihost::fakes {
namespace {

using json = nlohmann::json;

// Werkzeug's messages, as the Flask services send them.
constexpr const char* kBadRequest =
    "The browser (or proxy) sent a request that this server could not "
    "understand.";
constexpr const char* kUnsupportedMediaType =
    "Did not attempt to load JSON data because the request Content-Type was "
    "not 'application/json'.";

FakeResponse flask_html(int status, const char* title, const char* text) {
  FakeResponse r;
  r.status = status;
  r.headers.push_back({"Content-Type", "text/html; charset=utf-8"});
  r.body = std::string("<!doctype html>\n<html lang=en>\n<title>") + title +
           "</title>\n<h1>" + title + "</h1>\n<p>" + text + "</p>\n";
  return r;
}

bool is_json_content_type(const FakeRequest& req) {
  auto ct = req.header("Content-Type");
  if (!ct) return false;
  std::string v = ct->substr(0, ct->find(';'));
  while (!v.empty() && v.back() == ' ') v.pop_back();
  return strcasecmp(v.c_str(), "application/json") == 0;
}

}  // namespace

FakeResponse presidio_error(int status, const std::string& message) {
  return FakeResponse::json(status, json{{"error", message}}.dump());
}

FakeResponse presidio_slow(int delay_ms) {
  FakeResponse r;
  r.status = 0;  // the service's own answer
  r.delay_ms = delay_ms;
  return r;
}

FakeResponse presidio_reset() {
  FakeResponse r;
  r.reset = true;
  return r;
}

FakeResponse presidio_malformed() {
  return FakeResponse::json(200, "[{\"entity_type\": \"PERSON\", \"start\"");
}

FakePresidio::FakePresidio() {
  analyzer_ = std::make_unique<FakeServer>(
      [this](const FakeRequest& r) { return handle(Service::kAnalyzer, r); });
  anonymizer_ = std::make_unique<FakeServer>(
      [this](const FakeRequest& r) { return handle(Service::kAnonymizer, r); });
}

FakePresidio::~FakePresidio() {
  analyzer_.reset();
  anonymizer_.reset();
}

void FakePresidio::script(Service service, FakeResponse response, int times) {
  std::lock_guard<std::mutex> lock(mu_);
  scripts_[static_cast<int>(service)].push_back({std::move(response), times});
}

void FakePresidio::set_explain(bool on) {
  std::lock_guard<std::mutex> lock(mu_);
  explain_ = on;
}

std::vector<json> FakePresidio::bodies(Service service) const {
  const FakeServer& server =
      service == Service::kAnalyzer ? *analyzer_ : *anonymizer_;
  std::vector<json> out;
  for (const auto& r : server.requests()) {
    json j = json::parse(r.body, nullptr, false);
    out.push_back(j.is_discarded() ? json() : std::move(j));
  }
  return out;
}

FakeResponse FakePresidio::handle(Service service, const FakeRequest& req) {
  const bool analyzer = service == Service::kAnalyzer;
  const char* path = analyzer ? "/analyze" : "/anonymize";
  bool explain;
  std::optional<FakeResponse> scripted;
  {
    std::lock_guard<std::mutex> lock(mu_);
    explain = explain_;
    auto& queue = scripts_[static_cast<int>(service)];
    if (!queue.empty()) {
      scripted = queue.front().response;
      if (queue.front().times > 0 && --queue.front().times == 0)
        queue.pop_front();
    }
  }
  if (scripted && scripted->status != 0) return *scripted;
  int delay = scripted ? scripted->delay_ms : 0;

  FakeResponse answer;
  if (req.method == "GET" && req.path == "/health") {
    answer.headers.push_back({"Content-Type", "text/html; charset=utf-8"});
    answer.body = analyzer ? "Presidio Analyzer service is up"
                           : "Presidio Anonymizer service is up";
  } else if (req.path != path) {
    answer = flask_html(404, "404 Not Found",
                        "The requested URL was not found on the server.");
  } else if (req.method != "POST") {
    answer = flask_html(405, "405 Method Not Allowed",
                        "The method is not allowed for the requested URL.");
  } else if (!is_json_content_type(req)) {
    answer = presidio_error(415, kUnsupportedMediaType);
  } else {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded())
      answer = presidio_error(400, kBadRequest);
    else
      answer =
          analyzer ? presidio_analyze(body, explain) : presidio_anonymize(body);
  }
  answer.delay_ms = delay;
  return answer;
}

}  // namespace aihost::fakes
