#include "api/routes_admin_support.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aihost::api::admin {

void invalid(const std::string& field, const std::string& why) {
  throw ApiError(400, "invalid_request", field + ": " + why);
}

storage::Tenant require_tenant(storage::Connection& c, const std::string& id) {
  auto tenant = storage::TenantRepository(c).find(id);
  if (!tenant)
    throw ApiError(404, "tenant_not_found",
                   "tenant '" + id + "' does not exist");
  return *tenant;
}

nlohmann::json object_body(Exchange& ex,
                           std::initializer_list<const char*> allowed,
                           bool optional) {
  const auto length = ex.request.getContentLength64();
  const bool no_body =
      length == 0 ||
      (length == Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
       !ex.request.getChunkedTransferEncoding());
  if (optional && no_body) return nlohmann::json::object();
  nlohmann::json body = ex.json_body();
  if (!body.is_object())
    throw ApiError(400, "invalid_request", "the body must be a JSON object");
  for (const auto& [key, value] : body.items())
    if (std::none_of(allowed.begin(), allowed.end(),
                     [&](const char* a) { return key == a; }))
      invalid(key, "unknown field");
  return body;
}

std::optional<std::string> string_field(const nlohmann::json& body,
                                        const char* field, size_t max_len) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) invalid(field, "must be a string");
  auto value = it->get<std::string>();
  if (value.empty() || value.size() > max_len)
    invalid(field, "must be 1-" + std::to_string(max_len) + " characters");
  return value;
}

std::optional<bool> bool_field(const nlohmann::json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) invalid(field, "must be true or false");
  return it->get<bool>();
}

std::optional<int64_t> int_field(const nlohmann::json& body, const char* field,
                                 int64_t min, int64_t max) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  const std::string range = "must be an integer from " + std::to_string(min) +
                            " to " + std::to_string(max);
  int64_t value = 0;
  if (it->is_number_integer() || it->is_number_unsigned()) {
    if (it->is_number_unsigned() &&
        it->get<uint64_t>() >
            static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      invalid(field, range);
    value = it->get<int64_t>();
  } else if (it->is_number_float()) {
    const double d = it->get<double>();
    if (!std::isfinite(d) || std::trunc(d) != d || d < min || d > max)
      invalid(field, range);
    value = static_cast<int64_t>(d);
  } else {
    invalid(field, range);
  }
  if (value < min || value > max) invalid(field, range);
  return value;
}

int64_t id_param(const Exchange& ex, const char* name) {
  const std::string& text = ex.param(name);
  int64_t value = 0;
  bool ok = !text.empty() && text.size() <= 18;
  for (char c : text) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    value = value * 10 + (c - '0');
  }
  if (!ok || value <= 0) invalid(name, "must be a positive integer");
  return value;
}

void tenant_changed(AppContext& app, const std::string& tenant_id) {
  if (app.tenant_changed) app.tenant_changed(tenant_id);
}

nlohmann::json tenant_json(const storage::Tenant& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"active", t.active},
          {"created_at_ms", t.created_at_ms},
          {"updated_at_ms", t.updated_at_ms}};
}

}  // namespace aihost::api::admin
