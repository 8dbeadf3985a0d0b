// multipart/form-data bodies (RFC 7578) for file uploads.
#pragma once

#include <string>
#include <string_view>

namespace aihost::openai {

class MultipartWriter {
 public:
  // Picks a random boundary that does not occur in `largest_part`, the one
  // part too big to scan again later.
  explicit MultipartWriter(std::string_view largest_part);

  void field(std::string_view name, std::string_view value);
  void file(std::string_view name, std::string_view filename,
            std::string_view content_type, std::string_view data);

  // The Content-Type header value, boundary included.
  std::string content_type() const;
  // Closes the body; call once, after the last part.
  std::string finish();

 private:
  void open_part(std::string_view disposition);

  std::string boundary_;
  std::string body_;
};

// A header-safe filename: quotes, backslashes and control characters become
// '_' so the name cannot break out of Content-Disposition.
std::string safe_filename(std::string_view name);

}  // namespace aihost::openai
