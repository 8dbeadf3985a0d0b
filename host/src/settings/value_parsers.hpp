// Typed parsing of one setting's text. Each returns nullopt when the text is
// not of the expected form; the loader turns that into a refusal naming the
// variable and the form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aihost::settings {

struct DatabaseUrl {
  enum class Engine { kSqlite, kPostgres };
  Engine engine = Engine::kSqlite;
  std::string sqlite_path;  // for kSqlite
  std::string url;          // as given, for kPostgres (may hold a password)
  // The URL with any password replaced by "***", for logs.
  std::string redacted() const;
};

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
  std::string to_string() const;
};

std::optional<bool> parse_bool(std::string_view text);
std::optional<int64_t> parse_int(std::string_view text, int64_t min,
                                 int64_t max);
std::optional<DatabaseUrl> parse_database_url(std::string_view text);
std::optional<ListenAddress> parse_listen(std::string_view text);
bool valid_provider_id(std::string_view text);
bool valid_model_id(std::string_view text);
bool valid_log_level(std::string_view text);
std::optional<std::vector<int>> parse_thresholds(std::string_view text);

}  // namespace aihost::settings
