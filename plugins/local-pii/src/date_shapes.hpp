// The shapes a date is written in, matched by hand. The grammar is the one
// the date recogniser used to hand to RE2 (kept as the reference in
// tests/local_pii/date_shapes_test.cpp):
//
//   \b(d{1,2})([/.-])(d{1,2})[/.-](d{4}|d{2})\b          numeric
//   \b(d{4})-(d{2})-(d{2})\b                              ISO
//   \bMONTH\.? (d{1,2})(st|nd|rd|th)?(,? (of )?(d{4}))?\b month first
//   \b(the )?(d{1,2})(st|nd|rd|th)? (of )?MONTH(,? (d{4}))?\b  day first
//   \b(d{2}) (d{2}) ((19|20)d{2})\b                       spoken numeric
//
// with leftmost-first semantics: the leftmost start wins, and there the
// first alternative in this order, each quantifier as greedy as the rest of
// the pattern allows. RE2 with its 22 capture groups cost more than all the
// other date work together on entity-dense text; this walks a handful of
// bytes per candidate.
#pragma once

#include <cstddef>
#include <string_view>

namespace aihost::local_pii {

struct DateShape {
  enum class Form { kNumeric, kIso, kMonthFirst, kDayFirst, kSpoken };
  Form form = Form::kNumeric;
  size_t begin = 0;  // the whole match, "the " included
  size_t end = 0;
  // Numeric and spoken: the two leading numbers. ISO: month and day.
  // Month first, day first: `first` is the day, `second` is empty.
  std::string_view first;
  std::string_view second;
  std::string_view year;  // empty when the shape has none
  char separator = 0;     // numeric: the first separator
  bool article = false;   // day first: starts with "the "
};

// The leftmost date shape that starts at or after `from` and ends at or
// before `to` in lower-cased `s`. Word boundaries look at the bytes of `s`
// around the range, as RE2 does with a start and end position.
bool next_date_shape(std::string_view s, size_t from, size_t to,
                     DateShape& out);

// True for the first letter of a month name (lower case).
bool month_letter(char c);

}  // namespace aihost::local_pii
