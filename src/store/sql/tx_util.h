#pragma once
// Small helpers for repository code over sql::Db (internal to tars_store).

#include <string>
#include <utility>

#include "core/status.h"
#include "store/sql/db.h"

namespace tars::store::sql {

// Runs `fn(tx, out)` in a transaction of `mode` and returns `out` when it succeeds.
template <typename T, typename F>
StatusOr<T> transactFor(Db& db, TxMode mode, F&& fn) {
  T out{};
  Status status = db.transact(mode, [&](Tx& tx) -> Status { return fn(tx, out); });
  if (!status.isOk())
    return status;
  return out;
}

// `status` with its message replaced when it has `code` (e.g. a unique violation → a message
// that names the entity); other statuses pass through.
inline Status withMessage(Status status, StatusCode code, std::string message) {
  if (status.code() == code)
    return Status(code, std::move(message));
  return status;
}

// Byte-order comparison of text on both backends (PostgreSQL's default collation may follow a
// locale; SQLite's is binary), so keyset pagination orders the same everywhere.
inline const char* binaryCollation(Dialect dialect) {
  return dialect == Dialect::kPostgres ? " COLLATE \"C\"" : "";
}

// Row locking clause for a SELECT inside a write transaction (SQLite's BEGIN IMMEDIATE already
// holds the database write lock).
inline const char* forUpdate(Dialect dialect) {
  return dialect == Dialect::kPostgres ? " FOR UPDATE" : "";
}

}  // namespace tars::store::sql
