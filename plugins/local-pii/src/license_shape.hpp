// The phrase that introduces a driver's licence number and the number,
// matched by hand. The grammar is the one the licence recogniser used to
// hand to RE2 (kept as the reference in
// tests/local_pii/license_shape_test.cpp):
//
//   \b(driver'?s?|driving|d l|dl) ?(licen[cs]e|lic|number|no|#)?
//   ( ?(number|no|num|#))?( (is|was|it's|its))?:? ?(uh |um )?
//   ([a-z]{1,2}[ -]?[0-9]{4,14}|[0-9]{6,14}|[0-9]{3}[ -][0-9]{3}[
//   -][0-9]{3,4})\b
//
// anchored at the trigger, with the choices tried in the order a
// backtracking engine tries them, so the same match wins. RE2 cost about
// ten thousand instructions per licence; this walks the phrase once or a
// few times.
#pragma once

#include <cstddef>
#include <string_view>

namespace aihost::local_pii {

// Matches the grammar at `p` of lower-cased `s`, ending at or before `to`
// (the word boundary at the end looks at the byte after it). On success
// [id_begin, id_end) is the number; the match ends at id_end.
bool license_at(std::string_view s, size_t p, size_t to, size_t& id_begin,
                size_t& id_end);

}  // namespace aihost::local_pii
