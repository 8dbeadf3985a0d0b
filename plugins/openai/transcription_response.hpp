// createTranscription answers (json and verbose_json) turned into a
// Transcript.
#pragma once

#include "transcription_request.hpp"

#include <aihost/results.hpp>

#include <string_view>

namespace aihost::openai {

// Throws Error(UPSTREAM_PROTOCOL) for a body that is off-contract.
sdk::Transcript parse_transcription_response(std::string_view body,
                                             const TranscriptionRequest& sent);

}  // namespace aihost::openai
