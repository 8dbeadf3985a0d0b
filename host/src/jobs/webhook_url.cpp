#include "jobs/webhook_url.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>

#include "jobs/job_error.hpp"

namespace aihost::jobs {
namespace {

[[noreturn]] void refuse(const std::string& why) {
  throw JobError("invalid_webhook_url", 400, "webhook_url " + why);
}

}  // namespace

void validate_webhook_url(const std::string& url) {
  if (url.empty()) refuse("is empty");
  if (url.size() > 2048) refuse("is longer than 2048 characters");
  if (std::any_of(url.begin(), url.end(),
                  [](unsigned char c) { return c <= 0x20 || c == 0x7f; }))
    refuse("contains spaces or control characters");
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    refuse("is not a valid URL");
  }
  if (uri.getScheme() != "http" && uri.getScheme() != "https")
    refuse("must be an http or https URL");
  if (uri.getHost().empty()) refuse("has no host");
  if (!uri.getUserInfo().empty()) refuse("must not carry credentials");
  if (!uri.getFragment().empty()) refuse("must not have a fragment");
}

}  // namespace aihost::jobs
