// The pieces of the Prometheus text exposition format 0.0.4 that need care:
// escaping (label values and HELP text) and sample values (Go's float
// syntax, with +Inf, -Inf and NaN spelled the way scrapers parse them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aihost::metrics {

inline constexpr const char* kTextContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// Backslash, double quote and line feed escaped, as a label value needs.
std::string escape_label_value(std::string_view value);
// Backslash and line feed escaped, as a HELP line needs.
std::string escape_help(std::string_view help);
// The shortest text that reads back as the same double.
std::string format_value(double value);
// {a="x",b="y"}; "" when there are no labels. `extra` is appended as one
// more pair (the histogram's le) when not empty.
std::string format_labels(const std::vector<std::string>& names,
                          const std::vector<std::string>& values,
                          std::string_view extra_name = {},
                          std::string_view extra_value = {});

// [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; label names exclude ':' and
// the reserved "__" prefix.
bool valid_metric_name(std::string_view name);
bool valid_label_name(std::string_view name);

}  // namespace aihost::metrics
