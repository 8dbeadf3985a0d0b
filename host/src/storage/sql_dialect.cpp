#include "storage/sql_dialect.hpp"

#include <chrono>

namespace aihost::storage {

std::string sql(Engine engine, std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  int n = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') quoted = !quoted;
    if (c != '?' || quoted) {
      out += c;
      continue;
    }
    const bool json = text.substr(i + 1, 4) == "json";
    if (json) i += 4;
    if (engine == Engine::kSqlite) {
      out += '?';
    } else {
      // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on the
      // concatenated temporary.
      if (json) out.append("CAST(");
      out.append("$").append(std::to_string(++n));
      if (json) out.append(" AS JSONB)");
    }
  }
  return out;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace aihost::storage
