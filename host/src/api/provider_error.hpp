// A provider's failed outcome as the synchronous routes answer it: the
// gateway's code and status (gateway/provider_failure.hpp), the provider's
// own message (plugins keep keys out of it), and Retry-After when the
// provider said when to come back.
#pragma once

#include "api/exchange.hpp"
#include "plugins/provider_instance.hpp"

namespace aihost::api {

[[noreturn]] void throw_provider_failure(Exchange& ex,
                                         const plugins::Outcome& outcome);

}  // namespace aihost::api
