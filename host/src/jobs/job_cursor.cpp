#include "jobs/job_cursor.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "jobs/job_error.hpp"
#include "security/base64.hpp"

namespace aihost::jobs {
namespace {

constexpr const char* kVersion = "j1:";

// URL-safe, unpadded: the cursor travels in a query string.
std::string to_url_safe(std::string b64) {
  for (char& c : b64) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return b64;
}

[[noreturn]] void refuse() {
  throw JobError("invalid_cursor", 400,
                 "the cursor is not one this service returned");
}

bool is_job_id(const std::string& id) {
  return id.size() == 36 &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) {
           return std::isxdigit(c) || c == '-';
         });
}

}  // namespace

std::string encode_cursor(const storage::JobListPosition& position) {
  return to_url_safe(security::base64_encode(
      kVersion + std::to_string(position.created_at_ms) + ":" + position.id));
}

storage::JobListPosition decode_cursor(const std::string& cursor) {
  if (cursor.empty() || cursor.size() > 128) refuse();
  std::string b64 = cursor;
  for (char& c : b64) {
    if (c == '+' || c == '/' || c == '=') refuse();
    c = c == '-' ? '+' : c == '_' ? '/' : c;
  }
  while (b64.size() % 4) b64 += '=';
  auto text = security::base64_decode(b64);
  if (!text || text->rfind(kVersion, 0) != 0) refuse();
  std::string rest = text->substr(std::string(kVersion).size());
  auto colon = rest.find(':');
  if (colon == std::string::npos) refuse();
  storage::JobListPosition out;
  auto [end, ec] =
      std::from_chars(rest.data(), rest.data() + colon, out.created_at_ms);
  if (ec != std::errc() || end != rest.data() + colon || out.created_at_ms < 0)
    refuse();
  out.id = rest.substr(colon + 1);
  if (!is_job_id(out.id)) refuse();
  return out;
}

}  // namespace aihost::jobs
