// GET /metrics on a running server: public, in the text format, and the
// request counters follow the requests made, labelled by route pattern.
#include "admin_world.hpp"
#include "prometheus_text.hpp"

#include <catch2/catch.hpp>

using namespace aihost::testing;

TEST_CASE("/metrics counts requests by method, route pattern and status") {
  AdminWorld w;
  w.tenant("acme");
  CHECK(w.call("GET", "/admin/v1/tenants/acme").status == 200);
  CHECK(w.call("GET", "/admin/v1/tenants/acme").status == 200);
  CHECK(w.call("GET", "/admin/v1/tenants/nobody").status == 404);
  CHECK(w.call("GET", "/no/such/path").status == 404);
  CHECK(w.call("GET", "/healthz", std::nullopt, "").status == 200);

  auto r = w.call("GET", "/metrics", std::nullopt, "");  // no token needed
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK_FALSE(r.headers["X-Request-Id"].empty());
  auto e = parse_exposition(r.text);
  const std::string one = "/admin/v1/tenants/{id}";
  CHECK(e.value("aihost_http_requests_total",
                {{"method", "GET"}, {"route", one}, {"status", "200"}}) == 2);
  CHECK(e.value("aihost_http_requests_total",
                {{"method", "GET"}, {"route", one}, {"status", "404"}}) == 1);
  CHECK(e.value("aihost_http_requests_total", {{"method", "POST"},
                                               {"route", "/admin/v1/tenants"},
                                               {"status", "201"}}) == 1);
  CHECK(e.value("aihost_http_requests_total", {{"method", "GET"},
                                               {"route", "unmatched"},
                                               {"status", "404"}}) == 1);
  // Raw paths never become label values.
  for (const auto& s : e.samples)
    if (s.labels.count("route")) {
      CHECK(s.labels.at("route").find("acme") == std::string::npos);
      CHECK(s.labels.at("route").find("nobody") == std::string::npos);
    }
  CHECK(e.value("aihost_http_request_duration_seconds_count",
                {{"method", "GET"}, {"route", one}}) == 3);
  CHECK(e.value("aihost_gateway_overhead_seconds_count", {{"route", one}}) ==
        3);
  CHECK(e.types["aihost_gateway_overhead_seconds"] == "histogram");
  CHECK(e.types["aihost_provider_requests_total"] == "counter");

  // The scrape itself is counted by the next one.
  auto next =
      parse_exposition(w.call("GET", "/metrics", std::nullopt, "").text);
  CHECK(next.value("aihost_http_requests_total", {{"method", "GET"},
                                                  {"route", "/metrics"},
                                                  {"status", "200"}}) == 1);
  CHECK(next.value("aihost_http_requests_total",
                   {{"method", "GET"}, {"route", one}, {"status", "200"}}) ==
        2);
}
