// whisper-1 reports the language as an English name ("english"); results
// carry ISO-639-1 codes.
#pragma once

#include <string>
#include <string_view>

namespace aihost::openai {

// "english" / "English" -> "en". A two-letter value is already a code and is
// lower-cased; a name not in the table is returned as given.
std::string iso_from_language_name(std::string_view name);

}  // namespace aihost::openai
