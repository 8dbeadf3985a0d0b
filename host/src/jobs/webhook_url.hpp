// Which webhook URLs a job may name: absolute http or https URLs with a
// host, without user credentials (they would be stored and shown back) or a
// fragment, at most 2048 characters.
#pragma once

#include <string>

namespace aihost::jobs {

// Throws JobError invalid_webhook_url saying what is wrong.
void validate_webhook_url(const std::string& url);

}  // namespace aihost::jobs
