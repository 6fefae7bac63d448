#pragma once
// Db: the backend-neutral SQL seam under the repositories (internal to tars_store). The
// repositories are written once against it; sqlite/ and postgres/ implement it.
//
// SQL text uses PostgreSQL parameter markers `$1`, `$2`, … on both backends (SQLite binds `$N` by
// name). Values are always bound, never spliced into the text. Errors map to canonical codes:
//   unique/primary-key violation → kAlreadyExists, foreign-key violation → kFailedPrecondition,
//   lock timeout / busy / broken connection / deadlock → kUnavailable, anything else → kInternal.
// Messages carry the database's message, never bound values and never credentials.

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/sql/value.h"

namespace tars::store::sql {

enum class Dialect { kSqlite, kPostgres };

// A connection inside an open transaction. Valid only during Db::transact()'s body.
class Tx {
 public:
  virtual ~Tx() = default;
  // Runs one statement and returns its rows (a statement without rows returns none).
  virtual StatusOr<Rows> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement and returns the number of rows it changed.
  virtual StatusOr<std::int64_t> exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations only).
  virtual Status execScript(std::string_view sql) = 0;
};

enum class TxMode {
  kRead,   // a consistent snapshot, no writes (SQLite: a read connection; PostgreSQL: REPEATABLE
           // READ, READ ONLY)
  kWrite,  // SQLite: BEGIN IMMEDIATE on the one writer connection; PostgreSQL: READ COMMITTED,
           // with row locks taken by the statements themselves
};

using TxBody = std::function<Status(Tx&)>;

class Db {
 public:
  virtual ~Db() = default;

  virtual Dialect dialect() const = 0;

  // Runs `body` once, in one transaction: commits when it returns OK, rolls back otherwise and
  // returns its Status. (A connection found broken when the transaction begins is replaced
  // before `body` runs.) Exceptions thrown by `body` are caught and reported as kInternal.
  virtual Status transact(TxMode mode, const TxBody& body) = 0;

  // Readiness: `SELECT 1` answered within `timeout`.
  virtual Status ping(std::chrono::milliseconds timeout) = 0;

  // Where the data lives, safe for logs.
  virtual std::string describe() const = 0;
};

}  // namespace tars::store::sql
