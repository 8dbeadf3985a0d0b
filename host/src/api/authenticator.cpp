#include "api/authenticator.hpp"

#include "api/api_error.hpp"
#include "security/constant_time.hpp"

#include <Poco/String.h>

namespace aihost::api {
namespace {

constexpr const char* kTenantKeyPrefix = "aih_";

bool looks_like_tenant_key(const std::string& token) {
  return token.rfind(kTenantKeyPrefix, 0) == 0;
}

}  // namespace

std::optional<std::string> bearer_token(
    const Poco::Net::HTTPServerRequest& request) {
  if (!request.has("Authorization")) return std::nullopt;
  const std::string& value = request.get("Authorization");
  const auto space = value.find(' ');
  if (space == std::string::npos ||
      Poco::icompare(value.substr(0, space), "bearer") != 0)
    throw ApiError(401, "invalid_authorization",
                   "the Authorization header must be 'Bearer <key>'");
  std::string token = Poco::trim(value.substr(space + 1));
  if (token.empty())
    throw ApiError(401, "invalid_authorization",
                   "the Authorization header carries an empty bearer token");
  return token;
}

std::string Authenticator::tenant(
    const Poco::Net::HTTPServerRequest& request) const {
  auto token = bearer_token(request);
  if (!token)
    throw ApiError(401, "missing_api_key",
                   "send your API key as 'Authorization: Bearer <key>'");
  if (looks_like_tenant_key(*token)) {
    if (auto tenant = tenants_(*token)) return *tenant;
  }
  throw ApiError(401, "invalid_api_key",
                 "the API key is not valid (unknown, revoked, or its tenant "
                 "is inactive)");
}

void Authenticator::admin(const Poco::Net::HTTPServerRequest& request) const {
  auto token = bearer_token(request);
  if (!token)
    throw ApiError(401, "missing_admin_token",
                   "send the admin token as 'Authorization: Bearer <token>'");
  if (admin_token_.empty())
    throw ApiError(
        403, "admin_disabled",
        "the admin API is disabled: set AI_ADMIN_TOKEN to enable it");
  if (looks_like_tenant_key(*token))
    throw ApiError(403, "admin_required",
                   "this route needs the admin token; tenant keys are refused");
  if (!security::constant_time_equal(*token, admin_token_.reveal()))
    throw ApiError(401, "invalid_admin_token", "the admin token is not valid");
}

}  // namespace aihost::api
