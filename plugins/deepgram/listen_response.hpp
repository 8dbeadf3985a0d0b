// A Deepgram ListenV1Response as the normalised Transcript.
#pragma once

#include "listen_query.hpp"

#include <aihost/results.hpp>

#include <string_view>

namespace aihost::deepgram {

// Maps a 2xx body. Anything that is not a ListenV1Response (not JSON, the
// callback acknowledgement, missing or mistyped fields) is
// AIHOST_UPSTREAM_PROTOCOL. Unknown fields are ignored.
sdk::Transcript map_listen_response(std::string_view body,
                                    const ListenOptions& options);

}  // namespace aihost::deepgram
