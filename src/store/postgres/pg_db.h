#pragma once
// PgDb: the PostgreSQL implementation of sql::Db over a PgPool (internal to tars_store).
//
// Write transactions run at READ COMMITTED; the repositories' statements take the row locks they
// need (UPDATE … WHERE, SELECT … FOR UPDATE). Read transactions run at REPEATABLE READ, READ
// ONLY, so a multi-statement read sees one snapshot. A connection found broken at BEGIN is
// discarded and the transaction starts again on another (up to pool size + 1 tries), which is
// how the store recovers from a restarted server or a killed backend.
//
// Thread safety: thread-safe.

#include <chrono>
#include <memory>
#include <string>

#include "core/status.h"
#include "store/postgres/pg_pool.h"
#include "store/sql/db.h"

namespace tars::store::postgres {

struct PgDbOptions {
  int pool_size = 8;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds acquire_timeout{5000};
};

class PgDb final : public sql::Db {
 public:
  // kInvalidArgument: libpq cannot parse `url`. kUnavailable: the database cannot be reached.
  // Messages never contain the URL's password.
  static StatusOr<std::unique_ptr<PgDb>> Create(const std::string& url, const PgDbOptions& options);

  // sql::Db::
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  Status transact(sql::TxMode mode, const sql::TxBody& body) override;
  Status ping(std::chrono::milliseconds timeout) override;
  std::string describe() const override { return description_; }

  PgPool& pool() { return *pool_; }

 private:
  PgDb(std::unique_ptr<PgPool> pool, std::string description,
       std::chrono::milliseconds acquire_timeout)
      : pool_(std::move(pool)),
        description_(std::move(description)),
        acquire_timeout_(acquire_timeout) {}

  std::unique_ptr<PgPool> pool_;
  const std::string description_;
  const std::chrono::milliseconds acquire_timeout_;
};

}  // namespace tars::store::postgres
