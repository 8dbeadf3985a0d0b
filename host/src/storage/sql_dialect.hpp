// The few places where SQLite and PostgreSQL SQL differ for the same query.
//
// Repositories write one statement with `?` placeholders; `sql()` turns it
// into what the engine's Poco connector accepts:
//   ?      a parameter ($1, $2, ... on PostgreSQL)
//   ?json  a JSON parameter (CAST($n AS JSONB) on PostgreSQL, plain on SQLite)
// Question marks inside single-quoted literals are left alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/database_url.hpp"

namespace aihost::storage {

std::string sql(Engine engine, std::string_view text);

// Milliseconds since the Unix epoch: every timestamp column holds this, so
// both engines compare and order times the same way and tests can move the
// clock without sleeping.
int64_t now_ms();

}  // namespace aihost::storage
