#include "store/migrations/migrator.h"

#include <map>
#include <string>

#include "store/migrations/migrations.h"
#include "store/time_point.h"

namespace tars::store::migrations {
namespace {

// The advisory lock key of tars migrations: "tars" in ASCII, then 1. Fixed forever.
constexpr std::int64_t kMigrationLockKey = 0x7461727300000001;

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT NOT NULL PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

StatusOr<bool> tableExists(sql::Tx& tx, sql::Dialect dialect) {
  StatusOr<sql::Rows> rows =
      dialect == sql::Dialect::kSqlite
          ? tx.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
                     {sql::text("schema_migrations")})
          : tx.query(
                "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                "AND tablename = $1",
                {sql::text("schema_migrations")});
  if (!rows.isOk())
    return rows.status();
  return !rows->empty();
}

// Applied versions → checksums, checked against ours.
StatusOr<std::map<std::int64_t, std::string>> readApplied(sql::Tx& tx) {
  TARS_ASSIGN_OR_RETURN(
      sql::Rows rows, tx.query("SELECT version, checksum FROM schema_migrations ORDER BY version"));
  std::map<std::int64_t, std::string> applied;
  for (const sql::Row& row : rows)
    applied[row.integer(0)] = row.text(1);
  for (const auto& [version, sum] : applied) {
    const Migration* known = nullptr;
    for (const Migration& m : all()) {
      if (m.version == version)
        known = &m;
    }
    if (known == nullptr) {
      return failedPrecondition("store schema has migration " + std::to_string(version) +
                                ", newer than this binary knows (" +
                                std::to_string(all().back().version) +
                                "); run a newer tars or restore a matching backup");
    }
    if (sum != checksum(*known)) {
      return failedPrecondition("store migration " + std::to_string(version) +
                                " was applied from a different text than this binary's");
    }
  }
  return applied;
}

MigrationState toState(const std::map<std::int64_t, std::string>& applied) {
  MigrationState state;
  state.applied_version = applied.empty() ? 0 : applied.rbegin()->first;
  state.latest_version = all().back().version;
  for (const Migration& m : all()) {
    if (!applied.contains(m.version))
      state.pending.push_back(m.version);
  }
  return state;
}

}  // namespace

Status apply(sql::Db& db, const Clock& clock) {
  const sql::Dialect dialect = db.dialect();
  return db.transact(sql::TxMode::kWrite, [&](sql::Tx& tx) -> Status {
    if (dialect == sql::Dialect::kPostgres) {
      TARS_RETURN_IF_ERROR(
          tx.query("SELECT pg_advisory_xact_lock($1)", {sql::integer(kMigrationLockKey)}).status());
    }
    TARS_RETURN_IF_ERROR(tx.exec(kCreateTable).status());
    TARS_ASSIGN_OR_RETURN(auto applied, readApplied(tx));
    for (const Migration& m : all()) {
      if (applied.contains(m.version))
        continue;
      TARS_RETURN_IF_ERROR(tx.execScript(sqlFor(m, dialect)));
      TARS_RETURN_IF_ERROR(tx.exec("INSERT INTO schema_migrations (version, name, checksum, "
                                   "applied_at) VALUES ($1, $2, $3, $4)",
                                   {sql::integer(m.version), sql::text(std::string(m.name)),
                                    sql::text(checksum(m)), sql::time(clock.now())})
                               .status());
    }
    return Status::ok();
  });
}

StatusOr<MigrationState> state(sql::Db& db) {
  MigrationState result;
  Status status = db.transact(sql::TxMode::kRead, [&](sql::Tx& tx) -> Status {
    TARS_ASSIGN_OR_RETURN(bool exists, tableExists(tx, db.dialect()));
    std::map<std::int64_t, std::string> applied;
    if (exists) {
      TARS_ASSIGN_OR_RETURN(applied, readApplied(tx));
    }
    result = toState(applied);
    return Status::ok();
  });
  if (!status.isOk())
    return status;
  return result;
}

}  // namespace tars::store::migrations
