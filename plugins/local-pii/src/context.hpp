// Context words: "my card is ..." makes a digit string a card, "order
// number ..." makes it not a phone. Presidio-style enhancement: a positive
// word in the window adds to the score, a negative one takes away.
#pragma once

#include <cstddef>
#include <string_view>

namespace aihost::local_pii {

inline constexpr double kContextBoost = 0.35;
inline constexpr double kContextPenalty = 0.6;

// The recogniser's base score adjusted by the words around [start, end) of
// the lower-cased written text, clamped to [0, 1].
double score_in_context(std::string_view lower, size_t start, size_t end,
                        std::string_view entity_type, double base);

// True when one of the entity's positive context words is near.
bool has_positive_context(std::string_view lower, size_t start, size_t end,
                          std::string_view entity_type);

// True when a word that only a phone number goes with ("call", "mobile",
// "fax", ...; not "number") is near.
bool has_phone_word(std::string_view lower, size_t start, size_t end);

}  // namespace aihost::local_pii
