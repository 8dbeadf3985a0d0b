#include "api/router.hpp"

#include "api/api_error.hpp"
#include "api/error_answer.hpp"
#include "api/request_log.hpp"

#include <Poco/URI.h>

namespace aihost::api {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Literal segments count double, so "/v1/jobs/stats" beats "/v1/jobs/{id}".
int match(const Router::Route& route, const std::vector<std::string>& path,
          std::map<std::string, std::string>* params) {
  if (route.segments.size() != path.size()) return -1;
  int score = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    const auto& seg = route.segments[i];
    if (is_param(seg)) {
      if (path[i].empty()) return -1;
      if (params) (*params)[seg.substr(1, seg.size() - 2)] = path[i];
      score += 1;
    } else if (seg == path[i]) {
      score += 2;
    } else {
      return -1;
    }
  }
  return score;
}

// The method as logs and metrics label it: clients choose it, so anything
// but the methods this API knows collapses into one value rather than
// minting a new series per request.
std::string method_label(const std::string& method) {
  for (const char* known :
       {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
    if (method == known) return method;
  return "OTHER";
}

}  // namespace

void Router::add(std::string method, std::string pattern, Access access,
                 Handler handler) {
  auto segments = split_path(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments),
                     access, std::move(handler)});
}

void Router::run(const Route& route, Exchange& ex) const {
  ex.route = route.pattern;
  try {
    if (route.access != Access::kPublic && !auth_)
      throw ApiError(503, "not_ready", "authentication is not configured");
    if (route.access == Access::kTenant)
      ex.tenant_id = auth_->tenant(ex.request);
    if (route.access == Access::kAdmin) auth_->admin(ex.request);
    route.handler(ex);
  } catch (...) {
    answer_exception(ex, std::current_exception());
  }
}

void Router::dispatch(Exchange& ex) const {
  std::string path;
  try {
    path = Poco::URI(ex.request.getURI()).getPath();
  } catch (const Poco::Exception&) {
    ex.send_error(400, "invalid_request", "malformed request target");
  }
  if (!ex.response.sent()) {
    const auto segments = split_path(path.empty() ? "/" : path);
    const Route* best = nullptr;
    int best_score = -1;
    std::string allowed;
    for (const auto& route : routes_) {
      int score = match(route, segments, nullptr);
      if (score < 0) continue;
      if (route.method != ex.request.getMethod()) {
        if (allowed.find(route.method) == std::string::npos)
          allowed += (allowed.empty() ? "" : ", ") + route.method;
        continue;
      }
      if (score > best_score) best = &route, best_score = score;
    }
    if (best) {
      match(*best, segments, &ex.params);
      run(*best, ex);
    } else if (!allowed.empty()) {
      ex.response.set("Allow", allowed);
      ex.send_error(405, "method_not_allowed",
                    ex.request.getMethod() + " is not allowed on " + path);
    } else {
      ex.send_error(404, "not_found", "no route for " + path);
    }
  }
  const int status = static_cast<int>(ex.response.getStatus());
  log_request(ex, status);
  if (observer_)
    observer_({method_label(ex.request.getMethod()),
               ex.route.empty() ? "unmatched" : ex.route, status,
               ex.elapsed_ms(), ex.provider_ms()});
}

}  // namespace aihost::api
