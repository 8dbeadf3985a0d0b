#include "api/exchange.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>

namespace aihost::api {

void Exchange::send_json(int status, const nlohmann::json& body) {
  response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.setContentType("application/json");
  response.set("X-Request-Id", request_id);
  response.set("Cache-Control", "no-store");
  const std::string text = body.dump() + "\n";
  response.setContentLength(static_cast<std::streamsize>(text.size()));
  response.send() << text;
}

void Exchange::send_error(int status, const std::string& code,
                          const std::string& message) {
  send_json(
      status,
      {{"error",
        {{"code", code}, {"message", message}, {"request_id", request_id}}}});
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
