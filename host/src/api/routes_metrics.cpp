// GET /metrics: the Prometheus text exposition. Public, like /healthz:
// Prometheus scrapes without credentials, and the series carry route
// patterns, provider and model names and counts, never tenant ids, keys or
// request content. Bind the server to a private interface (or filter
// /metrics at the edge) where even that is too much to show.
#include "api/routes.hpp"
#include "metrics/metrics.hpp"
#include "metrics/text_format.hpp"

namespace aihost::api {

void add_metrics_routes(Router& router, AppContext& app) {
  router.add("GET", "/metrics", Access::kPublic, [&app](Exchange& ex) {
    const std::string text = require(app.metrics, "metrics").expose();
    ex.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    ex.response.setContentType(metrics::kTextContentType);
    ex.response.set("Cache-Control", "no-store");
    ex.response.setContentLength(static_cast<std::streamsize>(text.size()));
    ex.set_standard_headers();
    ex.response.send() << text;
  });
}

}  // namespace aihost::api
