#pragma once
// PgConnection: one libpq connection, usable as a Tx while its pool lease is held (internal to
// tars_store). Statements go through PQexecParams only (parameters bound, text results); a script
// of fixed DDL (migrations) goes through PQexec.
//
// Thread safety: none; PgPool hands a connection to one thread at a time.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/sql/db.h"

struct pg_conn;
struct pg_result;

namespace tars::store::postgres {

struct PgConnectParams {
  std::string url;                  // as configured; passed to libpq only
  int connect_timeout_seconds = 5;  // unless the URL sets connect_timeout
  std::string password;             // scrubbed from every message
};

class PgConnection final : public sql::Tx {
 public:
  // kUnavailable (message scrubbed of the password) when the connection cannot be made.
  static StatusOr<std::unique_ptr<PgConnection>> Create(const PgConnectParams& params);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // sql::Tx::
  StatusOr<sql::Rows> query(std::string_view sql, const sql::Params& params = {}) override;
  StatusOr<std::int64_t> exec(std::string_view sql, const sql::Params& params = {}) override;
  Status execScript(std::string_view sql) override;

  // Runs a statement without parameters or rows (BEGIN, COMMIT, ROLLBACK).
  Status run(const char* sql) { return execScript(sql); }

  // `SELECT 1` answered before `deadline`, without blocking past it (async libpq API). A
  // connection that misses the deadline is cancelled and becomes broken().
  Status pingUntil(std::chrono::steady_clock::time_point deadline);

  // The connection is lost (or was given up); its pool discards it.
  bool broken() const;
  // Not inside a transaction block (safe to hand to the next user).
  bool idle() const;
  // Inside a transaction block that a failed statement aborted.
  bool inFailedTransaction() const;

 private:
  PgConnection(pg_conn* conn, std::string password) : conn_(conn), password_(std::move(password)) {}
  // OK, or the canonical error for `res` (which may be null).
  Status resultStatus(pg_result* res) const;
  StatusOr<pg_result*> execParams(std::string_view sql, const sql::Params& params);

  pg_conn* conn_;
  std::string password_;
  bool given_up_ = false;
};

}  // namespace tars::store::postgres
