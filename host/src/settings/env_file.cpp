#include "settings/env_file.hpp"

#include "settings/settings_error.hpp"

#include <fstream>
#include <sstream>

namespace aihost::settings {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool valid_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

struct LineError {
  std::string what;
};

// Parses the text after '='; `rest` is what follows a closing quote.
std::string parse_value(std::string_view raw) {
  raw = trim(raw);
  if (raw.empty()) return {};
  char q = raw.front();
  if (q != '"' && q != '\'') {
    size_t comment = raw.find(" #");
    if (comment == std::string_view::npos) comment = raw.find("\t#");
    std::string_view v = trim(raw.substr(0, comment));
    if (v.find('"') != std::string_view::npos ||
        v.find('\'') != std::string_view::npos)
      throw LineError{"quote inside an unquoted value"};
    return std::string(v);
  }
  std::string out;
  size_t i = 1;
  bool closed = false;
  for (; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == q) {
      closed = true;
      ++i;
      break;
    }
    if (q == '"' && c == '\\') {
      if (++i >= raw.size()) break;
      switch (raw[i]) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '$':
          out += '$';
          break;
        default:
          throw LineError{std::string("unknown escape \\") + raw[i]};
      }
      continue;
    }
    out += c;
  }
  if (!closed) throw LineError{"unterminated quoted value"};
  std::string_view after = trim(raw.substr(i));
  if (!after.empty() && after.front() != '#')
    throw LineError{"text after the closing quote"};
  return out;
}

}  // namespace

EnvFileEntries parse_env_file(std::string_view text, const std::string& path) {
  EnvFileEntries out;
  std::vector<SettingProblem> problems;
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.empty() || line.front() == '#') continue;
    std::string where = path + ":" + std::to_string(line_no);
    if (line.substr(0, 7) == "export ") line = trim(line.substr(7));
    size_t eq = line.find('=');
    std::string_view name =
        trim(line.substr(0, eq == std::string_view::npos ? line.size() : eq));
    if (eq == std::string_view::npos || !valid_name(name)) {
      problems.push_back({path, where + ": expected KEY=VALUE"});
      continue;
    }
    try {
      out[std::string(name)] = {parse_value(line.substr(eq + 1)), line_no};
    } catch (const LineError& e) {
      problems.push_back(
          {path, where + ": " + std::string(name) + ": " + e.what});
    }
  }
  if (!problems.empty()) throw SettingsError(std::move(problems));
  return out;
}

EnvFileEntries read_env_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw SettingsError(path, "env file " + path +
                                  ": cannot be read (AI_ENV_FILE or "
                                  "--env-file names it)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_env_file(text.str(), path);
}

}  // namespace aihost::settings
