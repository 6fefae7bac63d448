#pragma once
// SqliteConnection: one sqlite3 handle with its prepared-statement cache, usable as a Tx while
// its owner holds it (internal to tars_store).
//
// Every connection gets: extended result codes, `foreign_keys=ON`, `synchronous=FULL` (a
// commit is on disk before it is acknowledged), `busy_timeout`. The writer also sets
// `journal_mode=WAL`; readers set `query_only=ON`.
//
// Thread safety: none; the owner (SqliteDb) hands a connection to one thread at a time.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "store/sql/db.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tars::store::sqlite {

class SqliteConnection final : public sql::Tx {
 public:
  enum class Role { kWriter, kReader };

  // Opens `path` (which must exist) and applies the pragmas. kUnavailable when it cannot.
  static StatusOr<std::unique_ptr<SqliteConnection>> Create(const std::string& path, Role role,
                                                            std::chrono::milliseconds busy_timeout);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // sql::Tx::
  StatusOr<sql::Rows> query(std::string_view sql, const sql::Params& params = {}) override;
  StatusOr<std::int64_t> exec(std::string_view sql, const sql::Params& params = {}) override;
  Status execScript(std::string_view sql) override;

  // Runs a statement without parameters or rows (BEGIN, COMMIT, pragmas).
  Status run(const char* sql);

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  // The cached statement for `sql`, reset and bound to `params`.
  StatusOr<sqlite3_stmt*> prepare(std::string_view sql, const sql::Params& params);
  Status error(int rc, std::string_view what) const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// Maps a SQLite (extended) result code to a canonical code (db.h's table).
StatusCode sqliteCodeToStatus(int extended_rc);

}  // namespace tars::store::sqlite
