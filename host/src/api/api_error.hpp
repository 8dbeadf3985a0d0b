// The one way a handler refuses a request: thrown, caught by the router,
// answered as {"error":{"code","message","request_id"}} with `status`.
// `code` is stable: clients branch on it, so it never changes meaning.
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::api {

struct ApiError : std::runtime_error {
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status(status), code(std::move(code)) {}
  int status;
  std::string code;
};

}  // namespace aihost::api
