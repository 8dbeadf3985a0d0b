#include "languages.hpp"

#include <cctype>

namespace aihost::openai {
namespace {

struct Language {
  std::string_view name;
  std::string_view code;
};

constexpr Language kLanguages[] = {
    {"afrikaans", "af"},  {"arabic", "ar"},     {"azerbaijani", "az"},
    {"bengali", "bn"},    {"bulgarian", "bg"},  {"catalan", "ca"},
    {"chinese", "zh"},    {"croatian", "hr"},   {"czech", "cs"},
    {"danish", "da"},     {"dutch", "nl"},      {"english", "en"},
    {"estonian", "et"},   {"finnish", "fi"},    {"french", "fr"},
    {"german", "de"},     {"greek", "el"},      {"hebrew", "he"},
    {"hindi", "hi"},      {"hungarian", "hu"},  {"indonesian", "id"},
    {"italian", "it"},    {"japanese", "ja"},   {"korean", "ko"},
    {"latvian", "lv"},    {"lithuanian", "lt"}, {"malay", "ms"},
    {"norwegian", "no"},  {"persian", "fa"},    {"polish", "pl"},
    {"portuguese", "pt"}, {"romanian", "ro"},   {"russian", "ru"},
    {"serbian", "sr"},    {"slovak", "sk"},     {"slovenian", "sl"},
    {"spanish", "es"},    {"swahili", "sw"},    {"swedish", "sv"},
    {"tagalog", "tl"},    {"tamil", "ta"},      {"thai", "th"},
    {"turkish", "tr"},    {"ukrainian", "uk"},  {"urdu", "ur"},
    {"vietnamese", "vi"}, {"welsh", "cy"},
};

}  // namespace

std::string iso_from_language_name(std::string_view name) {
  std::string lower;
  for (char ch : name)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const auto& l : kLanguages)
    if (lower == l.name) return std::string(l.code);
  if (lower.size() == 2) return lower;
  return std::string(name);
}

}  // namespace aihost::openai
