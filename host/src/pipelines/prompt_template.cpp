#include "pipelines/prompt_template.hpp"

namespace aihost::pipelines {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Calls on_text / on_name for the pieces of `text`, in order.
template <class Text, class Name>
void scan(const std::string& text, Text on_text, Name on_name) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("{{", pos);
    size_t close =
        open == std::string::npos ? std::string::npos : text.find("}}", open);
    if (close == std::string::npos) {
      on_text(text.substr(pos));
      return;
    }
    on_text(text.substr(pos, open - pos));
    on_name(trim(text.substr(open + 2, close - open - 2)),
            text.substr(open, close + 2 - open));
    pos = close + 2;
  }
}

}  // namespace

std::vector<std::string> placeholders(const std::string& text) {
  std::vector<std::string> out;
  scan(
      text, [](const std::string&) {},
      [&](const std::string& name, const std::string&) {
        out.push_back(name);
      });
  return out;
}

std::string render(const std::string& text,
                   const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size());
  scan(
      text, [&](const std::string& piece) { out += piece; },
      [&](const std::string& name, const std::string& raw) {
        auto it = values.find(name);
        out += it != values.end() ? it->second : raw;
      });
  return out;
}

}  // namespace aihost::pipelines
