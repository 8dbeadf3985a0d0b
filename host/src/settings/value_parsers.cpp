#include "settings/value_parsers.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace aihost::settings {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<bool> parse_bool(std::string_view text) {
  std::string v = lower(text);
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  return std::nullopt;
}

std::optional<int64_t> parse_int(std::string_view text, int64_t min,
                                 int64_t max) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  if (v < min || v > max) return std::nullopt;
  return v;
}

std::string DatabaseUrl::redacted() const {
  if (engine == Engine::kSqlite) return "sqlite:" + sqlite_path;
  try {
    Poco::URI uri(url);
    std::string info = uri.getUserInfo();
    size_t colon = info.find(':');
    if (colon != std::string::npos)
      uri.setUserInfo(info.substr(0, colon) + ":***");
    // A password may also travel as a query parameter.
    Poco::URI::QueryParameters params = uri.getQueryParameters();
    for (auto& [k, v] : params)
      if (lower(k) == "password") v = "***";
    uri.setQueryParameters(params);
    return uri.toString();
  } catch (const Poco::Exception&) {
    return "postgresql://***";
  }
}

std::optional<DatabaseUrl> parse_database_url(std::string_view text) {
  DatabaseUrl out;
  if (text.substr(0, 7) == "sqlite:") {
    std::string_view path = text.substr(7);
    if (path.substr(0, 2) == "//") path.remove_prefix(2);
    if (path.empty()) return std::nullopt;
    out.sqlite_path = std::string(path);
    return out;
  }
  std::string scheme = lower(text.substr(0, text.find(':')));
  if (scheme != "postgresql" && scheme != "postgres") return std::nullopt;
  try {
    Poco::URI uri{std::string(text)};
    if (uri.getHost().empty()) return std::nullopt;
    std::string path = uri.getPath();
    if (path.size() < 2 || path.front() != '/') return std::nullopt;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
  out.engine = DatabaseUrl::Engine::kPostgres;
  out.url = std::string(text);
  return out;
}

std::string ListenAddress::to_string() const {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ListenAddress> parse_listen(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return std::nullopt;  // bare IPv6 needs brackets
  }
  for (char c : host) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' ||
              c == '-' || c == ':';
    if (!ok) return std::nullopt;
  }
  auto port = parse_int(text.substr(colon + 1), 1, 65535);
  if (!port) return std::nullopt;
  return ListenAddress{std::string(host), static_cast<uint16_t>(*port)};
}

bool valid_provider_id(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  if (!std::isalnum(static_cast<unsigned char>(text.front()))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

bool valid_model_id(std::string_view text) {
  if (text.size() > 128) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' ||
           c == '_' || c == '-' || c == ':' || c == '/' || c == '@';
  });
}

bool valid_log_level(std::string_view text) {
  static const char* levels[] = {"trace",    "debug",   "information",
                                 "notice",   "warning", "error",
                                 "critical", "fatal",   "none"};
  return std::any_of(std::begin(levels), std::end(levels),
                     [&](const char* l) { return text == l; });
}

std::optional<std::vector<int>> parse_thresholds(std::string_view text) {
  std::vector<int> out;
  while (true) {
    size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    auto v = parse_int(item, 1, 1000);
    if (!v || (!out.empty() && *v <= out.back())) return std::nullopt;
    out.push_back(static_cast<int>(*v));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace aihost::settings
