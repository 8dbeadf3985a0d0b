#include "api/exchange.hpp"

#include "api/api_error.hpp"

#include <aihost/json_parse.hpp>
#include <aihost/json_write.hpp>

#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <istream>
#include <random>

namespace aihost::api {

Exchange::Exchange(Poco::Net::HTTPServerRequest& request,
                   Poco::Net::HTTPServerResponse& response,
                   std::string request_id, BodyLimits limits)
    : request(request),
      response(response),
      request_id(std::move(request_id)),
      limits(limits),
      started_(std::chrono::steady_clock::now()) {}

const std::string& Exchange::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::optional<std::string> Exchange::query(const std::string& name) const {
  Poco::URI uri(request.getURI());
  for (const auto& [key, value] : uri.getQueryParameters())
    if (key == name) return value;
  return std::nullopt;
}

std::string Exchange::body(size_t limit) {
  const auto declared = request.getContentLength64();
  if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
      declared > static_cast<Poco::Int64>(limit)) {
    // The rest of the body is never read: the connection cannot be reused.
    response.setKeepAlive(false);
    throw ApiError(413, "payload_too_large",
                   "the request body is " + std::to_string(declared) +
                       " bytes; the limit is " + std::to_string(limit));
  }
  std::string data;
  if (declared > 0) data.reserve(static_cast<size_t>(declared));
  std::istream& in = request.stream();
  char buffer[16384];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    data.append(buffer, static_cast<size_t>(in.gcount()));
    if (data.size() > limit) {
      response.setKeepAlive(false);
      throw ApiError(413, "payload_too_large",
                     "the request body exceeds the limit of " +
                         std::to_string(limit) + " bytes");
    }
  }
  return data;
}

nlohmann::json Exchange::json_body() {
  const std::string type = request.getContentType();
  const std::string base = type.substr(0, type.find(';'));
  if (base != "application/json")
    throw ApiError(
        415, "unsupported_media_type",
        "send the body as application/json" +
            (type.empty() ? std::string() : " (got '" + base + "')"));
  std::string text = body(limits.json_bytes);
  try {
    return sdk::parse_json(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ApiError(
        400, "invalid_json",
        "the body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
}

double Exchange::elapsed_ms() const {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - started_)
      .count();
}

void Exchange::set_standard_headers() {
  response.set("X-Request-Id", request_id);
  const double overhead = std::max(0.0, elapsed_ms() - provider_ms());
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", overhead);
  response.set("x-aihost-overhead-ms", text);
}

void Exchange::send_json(int status, const nlohmann::json& body) {
  response.setStatusAndReason(
      static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.setContentType("application/json");
  response.set("Cache-Control", "no-store");
  std::string text = sdk::write_json(body);
  text += '\n';
  set_standard_headers();
  response.sendBuffer(text.data(), text.size());
}

namespace {

// OpenAI's error "type" for a status, so that the official SDKs raise the
// matching exception class for our errors too.
const char* error_type(int status) {
  switch (status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 409:
      return "conflict_error";
    case 429:
      return "rate_limit_error";
    default:
      return status < 500 ? "invalid_request_error" : "api_error";
  }
}

}  // namespace

void Exchange::send_error(int status, const std::string& code,
                          const std::string& message) {
  send_json(status, {{"error",
                      {{"code", code},
                       {"message", message},
                       {"type", error_type(status)},
                       {"request_id", request_id}}}});
}

std::string request_id_for(const Poco::Net::HTTPServerRequest& request) {
  const std::string given = request.get("X-Request-Id", "");
  const bool sane =
      !given.empty() && given.size() <= 64 &&
      std::all_of(given.begin(), given.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
      });
  if (sane) return given;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char id[24];
  std::snprintf(id, sizeof id, "req_%016llx",
                static_cast<unsigned long long>(rng()));
  return id;
}

}  // namespace aihost::api
