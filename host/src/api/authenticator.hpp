// Bearer-token authentication for tenant and admin routes.
//
// Tenant keys and the admin token are disjoint: an admin token is never
// looked up as a tenant key and a tenant key never matches the admin token,
// so neither can stand in for the other. Failures say only what the caller
// can fix (missing, malformed, not accepted) and never echo the token.
#pragma once

#include "api/access.hpp"
#include "security/secret.hpp"

#include <Poco/Net/HTTPServerRequest.h>

#include <optional>
#include <string>

namespace aihost::api {

class Authenticator {
 public:
  // An empty admin token disables the admin routes (they answer 403
  // admin_disabled) rather than leaving them open.
  Authenticator(TenantKeyLookup tenants, security::Secret admin_token)
      : tenants_(std::move(tenants)), admin_token_(std::move(admin_token)) {}

  // Returns the caller's tenant id; throws ApiError 401.
  std::string tenant(const Poco::Net::HTTPServerRequest& request) const;
  // Throws ApiError 401 (no or unknown token) or 403 (a tenant key, or admin
  // routes disabled).
  void admin(const Poco::Net::HTTPServerRequest& request) const;

 private:
  TenantKeyLookup tenants_;
  security::Secret admin_token_;
};

// The token of an "Authorization: Bearer <token>" header; none when the
// header is missing. Throws ApiError 401 "invalid_authorization" when the
// header is present but not a bearer token.
std::optional<std::string> bearer_token(
    const Poco::Net::HTTPServerRequest& request);

}  // namespace aihost::api
