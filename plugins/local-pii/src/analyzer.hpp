// Finds PII in one text: normalise, run every recogniser, map findings back
// to the original bytes, filter and resolve overlaps.
#pragma once

#include "finding.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::local_pii {

struct AnalyzeOptions {
  // Entity types to report; all when absent.
  std::optional<std::vector<std::string>> entities;
  double score_threshold = 0;
};

// Every entity type the recognisers can report.
const std::vector<std::string_view>& supported_entities();

// Findings with offsets into `text`, sorted by start, never overlapping,
// each on UTF-8 code point boundaries.
std::vector<Finding> analyze(std::string_view text,
                             const AnalyzeOptions& options = {});

}  // namespace aihost::local_pii
