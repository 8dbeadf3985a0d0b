// whisper-1 language names to ISO-639-1.
#include "languages.hpp"

#include <catch2/catch.hpp>

using aihost::openai::iso_from_language_name;

TEST_CASE("language names map to ISO-639-1 codes", "[openai][language]") {
  CHECK(iso_from_language_name("english") == "en");
  CHECK(iso_from_language_name("Spanish") == "es");
  CHECK(iso_from_language_name("chinese") == "zh");
  CHECK(iso_from_language_name("norwegian") == "no");
  CHECK(iso_from_language_name("EN") == "en");  // already a code
  CHECK(iso_from_language_name("sindarin") == "sindarin");
}
