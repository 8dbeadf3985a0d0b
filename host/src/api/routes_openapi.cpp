// GET /openapi.json: the API's OpenAPI 3.0 description, public so that
// clients and tools can read it before they hold a key.
#include "api/openapi_document.hpp"
#include "api/routes.hpp"

namespace aihost::api {

void add_openapi_routes(Router& router, AppContext&) {
  router.add("GET", "/openapi.json", Access::kPublic, [](Exchange& ex) {
    const std::string_view doc = openapi_document();
    ex.response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    ex.response.setContentType("application/json");
    ex.response.setContentLength(static_cast<std::streamsize>(doc.size()));
    ex.set_standard_headers();
    ex.response.send().write(doc.data(),
                             static_cast<std::streamsize>(doc.size()));
  });
}

}  // namespace aihost::api
