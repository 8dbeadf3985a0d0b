// Pairs what the anonymizer replaced with what the analyzer found, and
// converts both sides to UTF-8 byte offsets.
//
// The matching rule. The anonymizer reports one item per span it replaced,
// with offsets into its OUTPUT; it reports no input offsets, and it may have
// merged overlapping findings of one type or dropped findings contained in
// others, so items and findings need not be one-to-one. Walking the items in
// order of position keeps a running shift (output length minus input length
// of the items so far), which gives each item's input start exactly. Its
// input end is then the first of these that leaves the text between this
// item and the next identical in input and output:
//   1. for mask (length-preserving), start plus the item's length;
//   2. the end of the merged group of same-type findings starting there
//      (Presidio's merge of overlapping findings of one type);
//   3. the end of any finding starting there;
//   4. a scan of the input for the unchanged text that follows.
// Score and recognizer come from the strongest finding of the item's type
// inside the recovered span (any type when none), else score 0 and
// recognizer "presidio". One Entity is reported per item: what was redacted.
#pragma once

#include "analyze.hpp"
#include "anonymize.hpp"
#include "code_points.hpp"

#include <aihost/results.hpp>

#include <vector>

namespace aihost::accent {

// Throws sdk::Error(UPSTREAM_PROTOCOL) when the items cannot be placed in
// the input text.
std::vector<sdk::Entity> match_spans(const CodePointIndex& input,
                                     const std::vector<Finding>& findings,
                                     const CodePointIndex& output,
                                     const std::vector<Item>& items);

}  // namespace aihost::accent
