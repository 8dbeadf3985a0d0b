// Why audio was refused, with a stable machine code for API callers.
#pragma once

#include <stdexcept>
#include <string>

namespace aihost::audio {

// Stable codes; callers map them onto HTTP 400 responses.
inline constexpr const char* kAudioInvalid = "audio_invalid";  // broken file
inline constexpr const char* kAudioUnsupported =
    "audio_unsupported";  // well-formed, but an encoding we cannot handle
inline constexpr const char* kAudioMismatch =
    "audio_mismatch";  // inputs that cannot be combined (format, channels)

class AudioError : public std::runtime_error {
 public:
  AudioError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

}  // namespace aihost::audio
