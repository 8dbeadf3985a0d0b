// Shorthand for the analyzer tests: what was found, as (type, original text).
#pragma once

#include "analyzer.hpp"

#include <string>
#include <utility>
#include <vector>

namespace aihost::local_pii::testing {

using Hit = std::pair<std::string, std::string>;

inline std::vector<Hit> hits(std::string_view text,
                             const AnalyzeOptions& options = {}) {
  std::vector<Hit> out;
  for (const auto& f : analyze(text, options))
    out.emplace_back(std::string(f.entity_type),
                     std::string(text.substr(f.start, f.end - f.start)));
  return out;
}

inline std::vector<Hit> one(std::string type, std::string text) {
  return {{std::move(type), std::move(text)}};
}

}  // namespace aihost::local_pii::testing
