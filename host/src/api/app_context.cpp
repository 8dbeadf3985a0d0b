#include "api/app_context.hpp"

#include "api/api_error.hpp"

namespace aihost::api {

void throw_not_ready(const char* what) {
  throw ApiError(503, "not_ready",
                 std::string(what) + " is not available on this server");
}

}  // namespace aihost::api
