#include "metrics/text_format.hpp"

#include <charconv>
#include <cmath>

namespace aihost::metrics {

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string escape_help(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Like Go's strconv 'g' with shortest precision, which is how Prometheus
  // clients print bucket bounds: fixed notation for ordinary magnitudes
  // ("0.0001", not "1e-04"), exponents only for the extremes.
  const double magnitude = std::fabs(value);
  const bool fixed = value == 0 || (magnitude >= 1e-4 && magnitude < 1e21);
  char text[400];
  auto [end, ec] = std::to_chars(
      text, text + sizeof text, value,
      fixed ? std::chars_format::fixed : std::chars_format::scientific);
  if (ec != std::errc()) return "NaN";
  return std::string(text, end);
}

std::string format_labels(const std::vector<std::string>& names,
                          const std::vector<std::string>& values,
                          std::string_view extra_name,
                          std::string_view extra_value) {
  if (names.empty() && extra_name.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += names[i];
    out += "=\"";
    out += escape_label_value(i < values.size() ? values[i] : "");
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!names.empty()) out += ',';
    out += extra_name;
    out += "=\"";
    out += escape_label_value(extra_value);
    out += '"';
  }
  out += '}';
  return out;
}

namespace {

bool name_chars(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (alpha || (allow_colon && c == ':') || (i > 0 && digit)) continue;
    return false;
  }
  return true;
}

}  // namespace

bool valid_metric_name(std::string_view name) { return name_chars(name, true); }

bool valid_label_name(std::string_view name) {
  return name_chars(name, false) && name.substr(0, 2) != "__";
}

}  // namespace aihost::metrics
