// docs/openapi.json as it was when the binary was built (embedded by CMake,
// see cmake/EmbedText.cmake), so the server describes exactly the API the
// repository holds.
#pragma once

#include <string_view>

namespace aihost::api {

std::string_view openapi_document();

}  // namespace aihost::api
