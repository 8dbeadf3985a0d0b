// Audio MIME types by file extension, for payloads read from files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace aihost::cli {

// wav, mp3, flac, ogg, m4a, webm (case-insensitive); nullopt otherwise.
std::optional<std::string> audio_type_for(const std::filesystem::path& file);

}  // namespace aihost::cli
