#include "prometheus_text.hpp"

#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace aihost::testing {
namespace {

[[noreturn]] void fail(size_t line, const std::string& why) {
  throw std::runtime_error("line " + std::to_string(line) + ": " + why);
}

bool name_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == ':' || (!first && c >= '0' && c <= '9');
}

std::string read_name(const std::string& s, size_t& i, size_t line) {
  size_t start = i;
  while (i < s.size() && name_char(s[i], i == start)) ++i;
  if (i == start) fail(line, "expected a name");
  return s.substr(start, i - start);
}

double read_value(const std::string& text, size_t line) {
  if (text == "+Inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf") return -std::numeric_limits<double>::infinity();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end) fail(line, "bad value '" + text + "'");
  return v;
}

// The family a sample belongs to: histogram series carry suffixes.
std::string family_of(const std::string& name, const Exposition& e) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (name.size() > s.size() &&
        name.compare(name.size() - s.size(), s.size(), s) == 0) {
      auto base = name.substr(0, name.size() - s.size());
      auto it = e.types.find(base);
      if (it != e.types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

}  // namespace

Exposition parse_exposition(const std::string& text) {
  Exposition e;
  std::istringstream in(text);
  std::string s, current;
  size_t n = 0;
  if (!text.empty() && text.back() != '\n') fail(0, "no final line feed");
  while (std::getline(in, s)) {
    ++n;
    if (s.empty()) fail(n, "empty line");
    if (s.rfind("# HELP ", 0) == 0 || s.rfind("# TYPE ", 0) == 0) {
      size_t i = 7;
      auto name = read_name(s, i, n);
      if (i >= s.size() || s[i] != ' ') fail(n, "expected a space");
      auto rest = s.substr(i + 1);
      if (s[2] == 'H') {
        if (e.help.count(name)) fail(n, "second HELP for " + name);
        e.help[name] = rest;
      } else {
        if (e.types.count(name)) fail(n, "second TYPE for " + name);
        if (rest != "counter" && rest != "gauge" && rest != "histogram" &&
            rest != "summary" && rest != "untyped")
          fail(n, "unknown type " + rest);
        e.types[name] = rest;
        current = name;
      }
      continue;
    }
    if (s[0] == '#') fail(n, "unexpected comment");
    Sample sample;
    size_t i = 0;
    sample.name = read_name(s, i, n);
    if (i < s.size() && s[i] == '{') {
      ++i;
      while (i < s.size() && s[i] != '}') {
        auto label = read_name(s, i, n);
        if (s.compare(i, 2, "=\"") != 0) fail(n, "expected =\"");
        i += 2;
        std::string value;
        for (;;) {
          if (i >= s.size()) fail(n, "unterminated label value");
          char c = s[i++];
          if (c == '"') break;
          if (c == '\\') {
            if (i >= s.size()) fail(n, "dangling escape");
            char esc = s[i++];
            if (esc == 'n')
              value += '\n';
            else if (esc == '\\' || esc == '"')
              value += esc;
            else
              fail(n, "bad escape");
          } else {
            value += c;
          }
        }
        if (sample.labels.count(label)) fail(n, "label twice: " + label);
        sample.labels[label] = value;
        if (i < s.size() && s[i] == ',') ++i;
      }
      if (i >= s.size()) fail(n, "unterminated label set");
      ++i;
    }
    if (i >= s.size() || s[i] != ' ') fail(n, "expected a space");
    sample.value = read_value(s.substr(i + 1), n);
    if (family_of(sample.name, e) != current)
      fail(n,
           sample.name + " is not of the family last typed (" + current + ")");
    e.samples.push_back(std::move(sample));
  }
  return e;
}

double Exposition::value(
    const std::string& name,
    const std::map<std::string, std::string>& labels) const {
  for (const auto& s : samples)
    if (s.name == name && s.labels == labels) return s.value;
  return 0;
}

size_t Exposition::count(
    const std::string& name,
    const std::map<std::string, std::string>& labels) const {
  size_t n = 0;
  for (const auto& s : samples) {
    if (s.name != name) continue;
    bool all = true;
    for (const auto& [k, v] : labels) {
      auto it = s.labels.find(k);
      if (it == s.labels.end() || it->second != v) all = false;
    }
    n += all;
  }
  return n;
}

}  // namespace aihost::testing
