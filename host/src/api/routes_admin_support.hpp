// What the admin route groups share: the store, tenant lookups, strict
// reading of JSON bodies (unknown fields and wrong types are refused with
// the field named) and the cache-invalidation hook.
#pragma once

#include "api/api_error.hpp"
#include "api/app_context.hpp"
#include "api/exchange.hpp"
#include "storage/tenant_repository.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace aihost::api::admin {

// 400 invalid_request; the message starts with the field's name.
[[noreturn]] void invalid(const std::string& field, const std::string& why);

// The tenant, or 404 tenant_not_found.
storage::Tenant require_tenant(storage::Connection& c, const std::string& id);

// The body as a JSON object whose fields are all in `allowed`. With
// `optional`, a request without a body reads as {}.
nlohmann::json object_body(Exchange& ex,
                           std::initializer_list<const char*> allowed,
                           bool optional = false);

// A field of `body` when present and not null, checked for type (and for
// strings, a length of 1..max_len).
std::optional<std::string> string_field(const nlohmann::json& body,
                                        const char* field, size_t max_len);
std::optional<bool> bool_field(const nlohmann::json& body, const char* field);
// An integer in [min, max]; a JSON float with a fraction is refused.
std::optional<int64_t> int_field(const nlohmann::json& body, const char* field,
                                 int64_t min, int64_t max);

// A path parameter that must be a positive integer (400 otherwise).
int64_t id_param(const Exchange& ex, const char* name);

// Tells caches that a tenant's keys, configs or features changed.
void tenant_changed(AppContext& app, const std::string& tenant_id);

nlohmann::json tenant_json(const storage::Tenant& t);

}  // namespace aihost::api::admin
