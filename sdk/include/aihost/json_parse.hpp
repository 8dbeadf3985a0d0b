// Parsing JSON text into nlohmann::json, faster than nlohmann's own parser.
//
// Every provider call parses JSON several times (the client's body, the
// params crossing the ABI, the provider's answer, the plugin's result), and
// nlohmann's character-at-a-time lexer was the largest single cost of a
// proxied chat completion. These functions let simdjson validate and
// tokenise the text and only build the nlohmann tree from its result. A
// text over 32 KB goes to nlohmann's parser: simdjson's buffers, kept per
// thread, grow with the largest text they read.
//
// The contract is nlohmann's: for any text, the value (and the type of each
// number: unsigned for non-negative integers, signed for negative ones,
// double otherwise) is the one json::parse gives, a repeated key keeps its
// last value, and text json::parse refuses is refused with json::parse's
// own exception and message, because every text simdjson does not accept is
// handed to json::parse as it is. One difference: `-0` reads as the
// unsigned integer 0 (nlohmann keeps it signed); both are the integer zero
// to every accessor but is_number_unsigned().
#ifndef AIHOST_JSON_PARSE_HPP
#define AIHOST_JSON_PARSE_HPP

#include <nlohmann/json.hpp>

#include <string_view>

namespace aihost::sdk {

// As nlohmann::json::parse(text): throws nlohmann::json::parse_error.
nlohmann::json parse_json(std::string_view text);

// As nlohmann::json::parse(text, nullptr, false): a discarded value
// (is_discarded()) for text that is not JSON.
nlohmann::json parse_json_or_discard(std::string_view text);

}  // namespace aihost::sdk

#endif
