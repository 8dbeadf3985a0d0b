#include "presidio_http.hpp"

#include <array>
#include <cctype>
#include <cstdlib>

namespace aihost::accent {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 3> kInputErrors = {
    "No text provided",
    "No language provided",
    "No matching recognizers were found to serve the request.",
};

long long retry_after_ms(const sdk::HttpResponse& r) {
  auto v = r.header("Retry-After");
  if (!v || v->empty()) return -1;
  for (char c : *v)
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  return std::atoll(v->c_str()) * 1000;
}

}  // namespace

std::string error_message(std::string_view body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_object()) {
    auto e = j.find("error");
    if (e != j.end() && e->is_string()) return e->get<std::string>();
  }
  std::string excerpt;
  for (char c : body.substr(0, 200))
    excerpt += std::isprint(static_cast<unsigned char>(c)) ? c : ' ';
  if (body.size() > 200) excerpt += "...";
  return excerpt.empty() ? "(empty body)" : excerpt;
}

bool is_input_error(int http_status, std::string_view body) {
  if (http_status != 500) return false;
  std::string msg = error_message(body);
  for (auto known : kInputErrors)
    if (msg == known) return true;
  return false;
}

sdk::Error error_for(const std::string& service, const sdk::HttpResponse& r) {
  std::string msg = error_message(r.body);
  std::string text = "presidio " + service + " answered HTTP " +
                     std::to_string(r.status) + ": " + msg;
  aihost_status st;
  switch (r.status) {
    case 400:
    case 422:
      st = AIHOST_INVALID_ARGUMENT;
      break;
    case 401:
      st = AIHOST_UNAUTHENTICATED;
      break;
    case 402:
      st = AIHOST_QUOTA_EXCEEDED;
      break;
    case 403:
      st = AIHOST_PERMISSION_DENIED;
      break;
    case 404:
      st = AIHOST_NOT_FOUND;
      break;
    case 408:
    case 504:
      st = AIHOST_DEADLINE_EXCEEDED;
      break;
    case 413:
      st = AIHOST_PAYLOAD_TOO_LARGE;
      break;
    case 429:
      return sdk::Error(AIHOST_RATE_LIMITED, text, r.status, retry_after_ms(r));
    default:
      if (is_input_error(r.status, r.body))
        st = AIHOST_INVALID_ARGUMENT;
      else if (r.status >= 500)
        st = AIHOST_UNAVAILABLE;
      else
        st = AIHOST_UPSTREAM_PROTOCOL;
  }
  return sdk::Error(st, text, r.status);
}

json post_json(const aihost_call* call, const Service& service,
               const json& body) {
  sdk::HttpRequest req;
  req.method = "POST";
  req.url = service.url;
  req.headers = {{"Content-Type", "application/json"},
                 {"Accept", "application/json"}};
  req.headers.insert(req.headers.end(), service.auth.begin(),
                     service.auth.end());
  req.body = body.dump(-1, ' ', false, json::error_handler_t::strict);
  req.timeout_ms = service.timeout_ms;
  req.retry_veto = [](int status, const std::vector<sdk::Header>&,
                      std::string_view b) { return is_input_error(status, b); };

  sdk::HttpResponse resp;
  try {
    resp = sdk::Host::get().send(call, req);
  } catch (const sdk::Error& e) {
    throw sdk::Error(e.status(), "presidio " + service.name + ": " + e.what(),
                     e.http_status(), e.retry_after_ms(), e.provider_code());
  }
  if (resp.status < 200 || resp.status >= 300)
    throw error_for(service.name, resp);
  json parsed = json::parse(resp.body, nullptr, false);
  if (parsed.is_discarded())
    throw sdk::Error(AIHOST_UPSTREAM_PROTOCOL,
                     "presidio " + service.name + " answered HTTP " +
                         std::to_string(resp.status) +
                         " with a body that is "
                         "not JSON",
                     resp.status);
  return parsed;
}

}  // namespace aihost::accent
