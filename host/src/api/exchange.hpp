// One HTTP request and its response, as every route handler sees them.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace aihost::api {

struct BodyLimits {
  size_t json_bytes = 1 << 20;       // JSON request bodies
  size_t upload_bytes = 100u << 20;  // audio uploads (AI_MAX_UPLOAD_BYTES)
};

class Exchange {
 public:
  Exchange(Poco::Net::HTTPServerRequest& request,
           Poco::Net::HTTPServerResponse& response, std::string request_id,
           BodyLimits limits = {});

  Poco::Net::HTTPServerRequest& request;
  Poco::Net::HTTPServerResponse& response;
  const std::string request_id;  // echoed as X-Request-Id and in errors
  const BodyLimits limits;

  // Set by the router before the handler runs.
  std::string route;      // the matched pattern, "/v1/jobs/{id}"
  std::string tenant_id;  // the authenticated tenant on tenant routes
  std::map<std::string, std::string> params;  // path parameters

  const std::string& param(const std::string& name) const;
  // A query parameter, percent-decoded; none when absent.
  std::optional<std::string> query(const std::string& name) const;

  // The whole body, at most `limit` bytes: a longer body (by its
  // Content-Length or by what arrives) is refused with 413 payload_too_large.
  std::string body(size_t limit);
  // The body as JSON (Content-Type must be JSON): 415 unsupported_media_type,
  // 400 invalid_json with the parser's position, 413 payload_too_large.
  nlohmann::json json_body();

  void send_json(int status, const nlohmann::json& body);
  // {"error":{"code","message","request_id"}}
  void send_error(int status, const std::string& code,
                  const std::string& message);

  // Time spent waiting for providers; the rest of the request's time is the
  // gateway's own overhead (x-aihost-overhead-ms, and the metrics).
  void add_provider_ms(double ms) {
    provider_us_ += static_cast<int64_t>(ms * 1000);
  }
  double provider_ms() const { return provider_us_.load() / 1000.0; }
  double elapsed_ms() const;
  // Sets X-Request-Id and x-aihost-overhead-ms; for responses a handler
  // streams itself (send_json does it already).
  void set_standard_headers();

 private:
  std::chrono::steady_clock::time_point started_;
  std::atomic<int64_t> provider_us_{0};
};

// The caller's X-Request-Id when it is a sane token (1-64 of [A-Za-z0-9._-]),
// else a fresh random id, so that logs on both sides line up.
std::string request_id_for(const Poco::Net::HTTPServerRequest& request);

}  // namespace aihost::api
