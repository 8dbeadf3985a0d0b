// Audio MIME types by file extension, for payloads read from files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace aihost::audio {

// wav, mp3, flac, ogg, m4a, webm (case-insensitive); nullopt otherwise.
std::optional<std::string> audio_type_for(const std::filesystem::path& file);

// How long `bytes` of audio of `media_type` play, for admission: exact for
// WAV (throws AudioError for a broken one); for compressed formats an upper
// bound from the size at 32 kbit/s, so that a budget reservation is never
// short.
double admission_audio_seconds(std::string_view bytes,
                               std::string_view media_type);

}  // namespace aihost::audio
