// How a load run is reported: one JSON object (for scripts) or a few lines
// of text (for people).
#pragma once

#include <string>

#include "load_client.hpp"

namespace aihost::bench {

std::string report_json(LoadResult& result, const LoadOptions& options,
                        const std::string& label);
std::string report_text(LoadResult& result, const LoadOptions& options,
                        const std::string& label);

}  // namespace aihost::bench
