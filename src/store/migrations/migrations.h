#pragma once
// The schema migrations, in order (internal to tars_store). Their SQL lives in
// migrations/NNNN_<name>.sql and is compiled into the library by CMake (nothing is read from
// disk at run time). One text serves both backends; dialect tokens are substituted by
// sqlFor().
//
// Rules: a migration, once released, never changes (its checksum is recorded when applied and
// compared at open); a schema change is a new migration with the next version.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "store/sql/db.h"

namespace tars::store::migrations {

struct Migration {
  std::int64_t version;   // 1, 2, 3, …
  std::string_view name;  // e.g. "identity"
  std::string_view sql;   // with dialect tokens
};

// Every migration, ascending by version.
std::span<const Migration> all();

// `migration.sql` with its dialect tokens replaced for `dialect` ({{BYTES}} → BLOB | BYTEA).
std::string sqlFor(const Migration& migration, sql::Dialect dialect);

// Lowercase hex SHA-256 of the migration's text (before substitution).
std::string checksum(const Migration& migration);

}  // namespace tars::store::migrations
