// One HTTP request and its response, as every route handler sees them.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <nlohmann/json.hpp>

#include <string>

namespace aihost::api {

struct Exchange {
  Poco::Net::HTTPServerRequest& request;
  Poco::Net::HTTPServerResponse& response;
  std::string request_id;  // echoed as X-Request-Id and in every error body

  void send_json(int status, const nlohmann::json& body);
  // {"error":{"code","message","request_id"}}
  void send_error(int status, const std::string& code,
                  const std::string& message);
};

// The caller's X-Request-Id when it is a sane token (1-64 of [A-Za-z0-9._-]),
// else a fresh random id, so that logs on both sides line up.
std::string request_id_for(const Poco::Net::HTTPServerRequest& request);

}  // namespace aihost::api
