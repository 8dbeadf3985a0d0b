#include "audio/media_type.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "audio/wav.hpp"

namespace aihost::audio {

std::optional<std::string> audio_type_for(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> types = {
      {".wav", "audio/wav"}, {".mp3", "audio/mpeg"}, {".flac", "audio/flac"},
      {".ogg", "audio/ogg"}, {".m4a", "audio/mp4"},  {".webm", "audio/webm"},
  };
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto it = types.find(ext);
  if (it == types.end()) return std::nullopt;
  return it->second;
}

double admission_audio_seconds(std::string_view bytes,
                               std::string_view media_type) {
  if (media_type == "audio/wav" || media_type == "audio/x-wav" ||
      media_type == "audio/wave")
    return parse_wav(bytes).duration_seconds();
  return static_cast<double>(bytes.size()) / 4000.0;
}

}  // namespace aihost::audio
