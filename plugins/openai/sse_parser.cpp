#include "sse_parser.hpp"

#include <aihost/plugin.hpp>

namespace aihost::openai {

bool SseParser::feed(std::string_view chunk, const OnData& on_data) {
  for (char ch : chunk) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (ch == '\n') continue;
    }
    if (ch == '\r' || ch == '\n') {
      skip_lf_ = ch == '\r';
      if (!end_line(on_data)) return false;
      continue;
    }
    line_ += ch;
    if (line_.size() + data_.size() > kMaxEventBytes)
      throw sdk::Error(AIHOST_UPSTREAM_PROTOCOL,
                       "OpenAI stream event exceeds 8 MiB");
  }
  return true;
}

bool SseParser::end_line(const OnData& on_data) {
  if (line_.empty()) {
    // A blank line dispatches the event; one without data is dropped.
    if (!has_data_) return true;
    std::string data;
    data.swap(data_);
    has_data_ = false;
    return on_data(data);
  }
  std::string_view line(line_);
  std::string_view field = line.substr(0, line.find(':'));
  std::string_view value;
  if (field.size() < line.size()) {
    value = line.substr(field.size() + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  // Comments (":..."), event:, id: and retry: carry nothing OpenAI uses.
  if (field == "data") {
    if (has_data_) data_ += '\n';
    data_.append(value);
    has_data_ = true;
  }
  line_.clear();
  return true;
}

}  // namespace aihost::openai
