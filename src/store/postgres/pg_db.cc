#include "store/postgres/pg_db.h"

#include <algorithm>
#include <exception>

#include "store/postgres/pg_url.h"

namespace tars::store::postgres {

StatusOr<std::unique_ptr<PgDb>> PgDb::Create(const std::string& url, const PgDbOptions& options) {
  TARS_ASSIGN_OR_RETURN(PgUrlInfo info, inspectPgUrl(url));
  PgConnectParams params;
  params.url = url;
  const auto ms = options.connect_timeout.count();
  // libpq counts whole seconds and treats 1 as 2; round up and keep at least 2.
  params.connect_timeout_seconds = static_cast<int>(std::max<long long>(2, (ms + 999) / 1000));
  params.password = info.password;
  StatusOr<std::unique_ptr<PgPool>> pool = PgPool::Create(std::move(params), options.pool_size);
  if (!pool.isOk()) {
    return Status(pool.status().code(),
                  "store " + info.description + " unreachable: " + pool.status().message());
  }
  return std::unique_ptr<PgDb>(
      new PgDb(std::move(pool).value(), std::move(info.description), options.acquire_timeout));
}

Status PgDb::transact(sql::TxMode mode, const sql::TxBody& body) {
  const char* begin = mode == sql::TxMode::kRead
                          ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                          : "BEGIN ISOLATION LEVEL READ COMMITTED";
  const auto deadline = std::chrono::steady_clock::now() + acquire_timeout_;
  Status last;
  for (int attempt = 0; attempt <= pool_->size(); ++attempt) {
    TARS_ASSIGN_OR_RETURN(PgPool::Lease lease, pool_->acquire(deadline));
    PgConnection& conn = lease.conn();
    last = conn.run(begin);
    if (!last.isOk()) {
      if (conn.broken())
        continue;  // a stale pooled connection; the lease closes it, try another
      return last;
    }
    Status status;
    try {
      status = body(conn);
    } catch (const std::exception& e) {
      status = internalError(std::string("store transaction failed: ") + e.what());
    } catch (...) {
      status = internalError("store transaction failed");
    }
    // A body that swallowed a statement error would "commit" an aborted transaction, which
    // PostgreSQL turns into a silent ROLLBACK; refuse instead.
    if (status.isOk() && conn.inFailedTransaction())
      status = internalError("store transaction aborted by an earlier statement error");
    if (status.isOk()) {
      status = conn.run("COMMIT");
      if (status.isOk())
        return status;
      if (conn.broken())
        return unavailable("store connection lost during COMMIT; the outcome is unknown");
    }
    if (!conn.broken() && !conn.run("ROLLBACK").isOk())
      lease.discard();
    return status;
  }
  return last;
}

Status PgDb::ping(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  Status status;
  // A second try covers an idle connection that died with a restarted server.
  for (int attempt = 0; attempt < 2; ++attempt) {
    StatusOr<PgPool::Lease> lease = pool_->acquire(deadline);
    if (!lease.isOk())
      return lease.status();
    status = lease->conn().pingUntil(deadline);
    if (status.isOk() || !lease->conn().broken() || status.code() == StatusCode::kDeadlineExceeded)
      return status;
  }
  return status;
}

}  // namespace tars::store::postgres
