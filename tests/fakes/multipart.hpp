// A strict multipart/form-data parser (RFC 7578 / RFC 2046) for fake
// upstreams that accept file uploads, so tests see the body as a server
// would.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::fakes {

struct FormPart {
  std::string name;
  std::optional<std::string> filename;
  std::optional<std::string> content_type;
  std::string data;
};

struct MultipartError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The boundary parameter of a multipart/form-data Content-Type, or nothing
// when the type is another one or carries no boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Parts in order of appearance. Throws MultipartError when the body is not
// well formed: missing delimiters or close delimiter, parts without a
// form-data Content-Disposition or without a name.
std::vector<FormPart> parse_multipart(std::string_view body,
                                      std::string_view boundary);

}  // namespace aihost::fakes
