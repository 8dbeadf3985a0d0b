// A multipart/form-data body read whole (within the upload limit) and
// split into its text fields and its one file part.
#pragma once

#include "api/exchange.hpp"

#include <map>
#include <string>

namespace aihost::api {

struct MultipartForm {
  std::multimap<std::string, std::string> fields;
  std::string file_field;  // the file part's field name, "" when none
  std::string filename;
  std::string file_type;  // the part's Content-Type
  std::string file;       // its bytes
};

// Reads the body (at most ex.limits.upload_bytes) and parses it. Throws
// ApiError 415 for another content type, 400 invalid_multipart for a
// malformed body or more than one file part, 413 when over the limit.
MultipartForm read_multipart(Exchange& ex);

}  // namespace aihost::api
