#include "storage/database_url.hpp"

#include <cctype>
#include <string>

#include "storage/storage_error.hpp"

namespace aihost::storage {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

[[noreturn]] void bad(const std::string& why) {
  throw StorageError("storage.bad_url", "invalid database URL: " + why);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// URL userinfo and paths may carry %XX escapes (a password with '@').
std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() || hex_value(s[i + 1]) < 0 ||
          hex_value(s[i + 2]) < 0)
        bad("malformed %-escape");
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// libpq's key=value syntax: quote values and escape ' and \.
std::string libpq_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

DatabaseTarget parse_postgres(std::string_view url, std::string_view rest) {
  DatabaseTarget t;
  t.engine = Engine::kPostgres;

  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash + 1 == rest.size())
    bad("postgresql URL needs a database name (postgresql://host/db)");
  std::string dbname = percent_decode(rest.substr(slash + 1));
  std::string_view authority = rest.substr(0, slash);

  std::string user, password;
  bool has_password = false;
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = percent_decode(userinfo.substr(0, colon));
      password = percent_decode(userinfo.substr(colon + 1));
      has_password = true;
    } else {
      user = percent_decode(userinfo);
    }
  }
  std::string host(authority), port;
  if (!host.empty() && host.front() == '[') {  // [::1]:5432
    auto close = host.find(']');
    if (close == std::string::npos) bad("unclosed '[' in host");
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') bad("junk after IPv6 host");
      port = host.substr(close + 2);
    }
    host = host.substr(1, close - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.empty()) bad("postgresql URL needs a host");
  if (!port.empty()) {
    for (char c : port)
      if (!std::isdigit(static_cast<unsigned char>(c)))
        bad("port is not a number");
    if (port.size() > 5 || std::stoi(port) == 0 || std::stoi(port) > 65535)
      bad("port out of range");
  }

  t.connection = "host=" + libpq_value(host);
  if (!port.empty()) t.connection += " port=" + port;
  if (!user.empty()) t.connection += " user=" + libpq_value(user);
  if (has_password) t.connection += " password=" + libpq_value(password);
  t.connection += " dbname=" + libpq_value(dbname);
  // Pass libpq options through (sslmode, connect_timeout, ...).
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    auto eq = kv.find('=');
    if (eq == std::string_view::npos || eq == 0)
      bad("query parameter without a value");
    std::string key = percent_decode(kv.substr(0, eq));
    if (kv.substr(eq + 1).find("%20") != std::string_view::npos ||
        kv.find('+') != std::string_view::npos)
      bad("spaces in query parameters are not supported by the PostgreSQL "
          "driver");
    for (char c : key)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
        bad("bad query parameter name");
    std::string value = percent_decode(kv.substr(eq + 1));
    if (key == "password") has_password = true;
    t.connection += " " + key + "=" + libpq_value(value);
  }
  // Poco's PostgreSQL connector splits the string at spaces before libpq
  // sees it, so a space inside a value would silently become a broken
  // option; refuse it here instead.
  for (const std::string& v : {host, user, password, dbname})
    if (v.find(' ') != std::string::npos)
      bad("spaces in host, user, password or database name are not "
          "supported by the PostgreSQL driver");

  t.redacted = std::string(url);
  if (has_password) {
    t.redacted = "postgresql://" + (user.empty() ? "" : user) + ":***@" +
                 std::string(authority) + "/" + dbname;
  }
  return t;
}

}  // namespace

const char* engine_name(Engine engine) {
  return engine == Engine::kPostgres ? "postgresql" : "sqlite";
}

DatabaseTarget parse_database_url(std::string_view url) {
  if (url.empty()) bad("empty");
  for (std::string_view scheme : {"postgresql://", "postgres://"})
    if (starts_with(url, scheme))
      return parse_postgres(url, url.substr(scheme.size()));

  DatabaseTarget t;
  t.engine = Engine::kSqlite;
  std::string_view path = url;
  if (starts_with(url, "sqlite://")) {
    path = url.substr(9);
    // sqlite:///var/x.db is relative to the working directory, like the
    // common convention; sqlite:////abs/x.db is absolute.
    if (!path.empty() && path.front() == '/') path = path.substr(1);
  } else if (url.find("://") != std::string_view::npos) {
    bad("unknown scheme (use postgresql:// or sqlite://)");
  }
  if (path.empty()) bad("sqlite URL needs a file path");
  t.connection = percent_decode(path);
  t.redacted = std::string(url);
  return t;
}

}  // namespace aihost::storage
